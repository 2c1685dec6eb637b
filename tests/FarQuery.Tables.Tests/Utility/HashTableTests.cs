// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class HashTableTests
{
    [Fact]
    public void SelectStar_LiveFile_MatchesSha256sum()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("hash", "select * from hash where path = '/etc/passwd'").Rows());
        if (Fixtures.RequireTool("sha256sum", "/etc/passwd") is { } output)
        {
            Assert.Equal(output.Split(' ')[0], row["sha256"]);
        }
    }

    [Fact]
    public void Query_FixtureFile_GivesAllThreeDigests()
    {
        var row = Assert.Single(Fixtures.Query("files", "select md5, sha1, sha256 from hash where path = '/etc/app.conf'").Rows);
        Assert.Equal(new object?[]
        {
            "23db56bd693cdf661e924370647da16e",
            "3eb68d205ea9303ad3b3c62b680593b86f854ed1",
            "c52628aa5b2299e78a490d719599b58de515e3f8cf9dbc7e6384d2720d1c348a",
        }, row);
    }

    [Fact]
    public void Query_Directory_HashesRegularFilesAndFollowsLinks()
    {
        var rows = Fixtures.Query("files", "select path, sha256 from hash where directory = '/etc'").Rows;
        Assert.Equal(["/etc/app.conf", "/etc/hostname", "/etc/link"], rows.Select(r => (string)r[0]!));
        Assert.Equal(rows[0][1], rows[2][1]);
    }

    [Fact]
    public void Query_WithoutPathOrDirectory_FailsWithOsqueryError()
    {
        using var host = TableAssert.Host();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select sha256 from hash"));
        Assert.Contains("required column", e.Message, StringComparison.Ordinal);
    }
}
