// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class GroupsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("groups");
        Assert.Contains(result.Rows(), r => (long)r["gid"]! == 0 && (string)r["groupname"]! == "root");
    }

    [Fact]
    public void Query_Alpine_ListsEveryGroup()
    {
        var rows = Fixtures.Query("alpine", "select gid, groupname from groups").Rows;
        Assert.Equal(49, rows.Count);
        Assert.Contains(rows, r => (long)r[0]! == 65533 && (string)r[1]! == "nogroup");
    }

    [Fact]
    public void Query_GidConstraint_WrapsSignedLikeOsquery()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select groupname, gid_signed from groups where gid = 4294967294").Rows);
        Assert.Equal("nfsnobody", row[0]);
        Assert.Equal(-2L, row[1]);
    }

    [Fact]
    public void Query_DamagedGroup_KeepsReadableLines()
    {
        var rows = Fixtures.Query("damaged", "select groupname from groups order by gid").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["root", "staff", "trunc"], rows);
    }
}
