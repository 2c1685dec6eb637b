// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class UserGroupsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("user_groups", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_MemberOfSupplementaryGroups_PrimaryFirstThenGroupOrder()
    {
        var gids = Fixtures.Query("debian12", "select gid from user_groups where uid = 1000").Rows.Select(r => (long)r[0]!);
        Assert.Equal([1000L, 27L, 50L], gids);
    }

    [Fact]
    public void Query_GidConstraint_ListsEveryMember()
    {
        var uids = Fixtures.Query("debian12", "select uid from user_groups where gid = 50 order by uid").Rows.Select(r => (long)r[0]!);
        Assert.Equal([101L, 1000L], uids);
    }

    [Fact]
    public void Query_JoinUsersAndGroups_NamesResolve()
    {
        var rows = Fixtures.Query("debian12",
            "select g.groupname from users u join user_groups ug on ug.uid = u.uid join groups g on g.gid = ug.gid where u.username = 'postgres' order by g.gid").Rows;
        Assert.Equal(["staff", "ssl-cert", "postgres"], rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Query_DamagedFiles_UserWithoutGidKeepsMemberships()
    {
        var rows = Fixtures.Query("damaged", "select uid, gid from user_groups order by uid, gid").Rows.Select(r => ((long)r[0]!, (long)r[1]!)).ToList();
        Assert.Contains((0L, 0L), rows);
        Assert.DoesNotContain(rows, r => r.Item1 == 1002);
    }
}
