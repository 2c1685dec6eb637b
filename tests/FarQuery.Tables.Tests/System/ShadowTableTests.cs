// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class ShadowTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("shadow", context: Fixtures.Context("debian12")).Rows();
        Assert.Equal(24, rows.Count);
    }

    [Theory]
    [InlineData("root", "active", "y")]
    [InlineData("cloudsdk", "active", "6")]
    [InlineData("daemon", "locked", null)]
    [InlineData("systemd-network", "locked", null)]
    [InlineData("messagebus", "locked", null)]
    [InlineData("polkitd", "not_set", null)]
    [InlineData("postgres", "locked", null)]
    public void Query_Username_StatusAndAlgorithmLikeOsquery(string user, string status, string? alg)
    {
        var row = Assert.Single(Fixtures.Query("debian12", $"select password_status, hash_alg from shadow where username = '{user}'").Rows);
        Assert.Equal(status, row[0]);
        Assert.Equal(alg, row[1]);
    }

    [Fact]
    public void Query_AgeingFields_NumbersAndUnsetAsMinusOne()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select last_change, min, max, warning, inactive, expire, flag from shadow where username = 'cloudsdk'").Rows);
        Assert.Equal([19800L, 1L, 90L, 14L, 30L, 20500L, -1L], row.Select(v => (long)v!));
        var net = Assert.Single(Fixtures.Query("debian12", "select last_change, max from shadow where username = 'systemd-network'").Rows);
        Assert.Equal([19709L, -1L], net.Select(v => (long)v!));
    }

    [Fact]
    public void Query_NeverReturnsTheHash()
    {
        var result = Fixtures.Query("debian12", "select * from shadow");
        Assert.DoesNotContain(result.Rows.SelectMany(r => r), v => v is string s && s.Contains('$'));
    }

    [Fact]
    public void Query_DamagedFile_KeepsValidAndOldFormatLines()
    {
        var rows = Fixtures.Query("damaged", "select username, password_status, hash_alg, last_change from shadow order by username").Rows;
        Assert.Equal(["root", "short"], rows.Select(r => (string)r[0]!));
        Assert.Equal("empty", rows[0][1]);
        Assert.Equal("active", rows[1][1]);
        Assert.Equal("6", rows[1][2]);
        Assert.Equal(-1L, rows[1][3]);
    }

    [Fact]
    public void Query_NoShadowFile_NoRows()
    {
        Assert.Empty(Fixtures.Query("alpine", "select * from shadow").Rows);
    }
}
