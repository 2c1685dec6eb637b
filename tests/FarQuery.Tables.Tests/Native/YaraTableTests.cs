// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Native;

public sealed class YaraTableTests
{
    private static string RuleFile => Path.Join(Fixtures.Root(NativeTableAssert.Scenario), "rules", "fixture.yar");

    [Fact]
    public void SelectStar_SigfileMatchingFixture_GivesRuleTagsAndStringOffsets()
    {
        if (!NativeTableAssert.Loaded(Interop.Yara.Library))
        {
            return;
        }

        var sql = $"select * from yara where path = '/srv/sample.bin' and sigfile = '{RuleFile}'";
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("yara", sql, Fixtures.Context(NativeTableAssert.Scenario)).Rows());
        Assert.Equal("fixture_marker", row["matches"]);
        Assert.Equal(1L, row["count"]);
        Assert.Equal("fixture,test", row["tags"]);

        // "header bytes\n" is 13 bytes, so the marker starts at 13; its second copy at 55.
        Assert.Equal("$marker:13,$marker:55,$header:0", row["strings"]);
        Assert.Equal(RuleFile, row["sigfile"]);
    }

    [Fact]
    public void Query_InlineSigruleOverPattern_OneRowPerFileWithCounts()
    {
        if (!NativeTableAssert.Loaded(Interop.Yara.Library))
        {
            return;
        }

        var rule = "rule release_notes { strings: $a = \"Release notes\" condition: $a }";
        var rows = Fixtures.Query(NativeTableAssert.Scenario, $"select path, count, matches, sigrule from yara where path like '/srv/%' and sigrule = '{rule}' order by path").Rows;
        Assert.Equal(new object?[] { "/srv/notes.txt", 1L, "release_notes", rule }, rows[0]);
        Assert.Equal(new object?[] { "/srv/sample.bin", 0L, "", rule }, rows[1]);
    }

    [Fact]
    public void Query_SigGroupFromConfig_UsesTheGroupsFiles()
    {
        if (!NativeTableAssert.Loaded(Interop.Yara.Library))
        {
            return;
        }

        var context = Fixtures.Context(NativeTableAssert.Scenario);
        context.Services.Set(YaraConfiguration.FromJson($$$"""{"signatures": {"sig_group_1": ["{{{RuleFile}}}"]}, "file_paths": {"srv": ["sig_group_1"]}}"""));
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select sig_group, matches from yara where path = '/srv/sample.bin' and sig_group = 'sig_group_1'").Rows);
        Assert.Equal(new object?[] { "sig_group_1", "fixture_marker" }, row);
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select * from yara where path = '/srv/sample.bin' and sig_group = 'other'"));
        Assert.Contains("no signature group 'other'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("select * from yara where path = '/srv/sample.bin'", "the query needs sig_group, sigfile or sigrule")]
    [InlineData("select * from yara where path = '/srv/sample.bin' and sigurl = 'https://example.invalid/r.yar'", "sigurl is not supported")]
    [InlineData("select * from yara where path = '/srv/sample.bin' and sigrule = 'rule broken { condition: $nope }'", "cannot compile the rules")]
    public void Query_BadRuleSource_FailsWithAClearError(string sql, string expected)
    {
        if (!NativeTableAssert.Loaded(Interop.Yara.Library))
        {
            return;
        }

        using var host = TableAssert.Host(Fixtures.Context(NativeTableAssert.Scenario));
        Assert.Contains(expected, Assert.Throws<SqlQueryException>(() => host.Query(sql)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_LibraryAbsent_FailsNamingThePackage()
    {
        var message = NativeTableAssert.AbsentLibraryError((l, m) => new NativeLibraries { Yara = m }, "select * from yara where path = '/srv/sample.bin' and sigrule = 'rule a { condition: true }'");
        Assert.Contains("yara: libfarquery-absent.so.404 not found; install the Debian package libabsent9", message, StringComparison.Ordinal);
    }
}
