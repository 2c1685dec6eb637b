// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class SudoersTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("sudoers", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_RulesIncludesAndContinuationsInReadingOrder()
    {
        var rows = Fixtures.Query("debian12", "select source, header, rule_details from sudoers").Rows
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}").ToList();
        Assert.Equal(
        [
            "/etc/sudoers|Defaults|env_reset",
            "/etc/sudoers|Defaults|mail_badpass",
            "/etc/sudoers|Defaults|secure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"",
            "/etc/sudoers|Defaults|use_pty",
            "/etc/sudoers|User_Alias|OPERATORS = cloudsdk, postgres",
            "/etc/sudoers|root|ALL=(ALL:ALL) ALL",
            "/etc/sudoers|%sudo|ALL=(ALL:ALL) ALL",
            "/etc/sudoers|@includedir|/etc/sudoers.d",
            "/etc/sudoers.d/90-cloud-init-users|cloudsdk|ALL=(ALL) NOPASSWD:ALL",
            "/etc/sudoers|#include|local.conf",
            "/etc/local.conf|OPERATORS|ALL=(postgres) NOPASSWD: /usr/bin/psql",
        ], rows);
    }

    [Fact]
    public void Query_IncludeDir_SkipsNamesWithDotOrTilde()
    {
        var sources = Fixtures.Query("debian12", "select distinct source from sudoers").Rows.Select(r => (string)r[0]!);
        Assert.DoesNotContain(sources, s => s.EndsWith("app.disabled", StringComparison.Ordinal) || s.EndsWith('~'));
    }

    [Fact]
    public void Query_DamagedFile_IncludeLoopEndsAndMissingTargetsAreRowsOnly()
    {
        var rows = Fixtures.Query("damaged", "select header, rule_details from sudoers where source = '/etc/sudoers'").Rows;

        // The file includes itself: each pass adds its five rows until sudo's 128-file nesting limit stops it.
        Assert.Equal(128 * 5, rows.Count);
        Assert.Equal("ALL=(ALL) ALL \\", rows[^1][1]);
        Assert.Contains(rows, r => (string)r[0]! == "@include" && (string)r[1]! == "missing.conf");
    }

    [Fact]
    public void Query_NoSudoers_NoRows()
    {
        Assert.Empty(Fixtures.Query("alpine", "select * from sudoers").Rows);
    }
}
