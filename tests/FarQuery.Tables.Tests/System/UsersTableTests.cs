// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class UsersTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("users");
        Assert.Contains(result.Rows(), r => (long)r["uid"]! == 0 && (string)r["username"]! == "root");
    }

    [Fact]
    public void Query_Debian12_ListsEveryPasswdLine()
    {
        var lines = File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "etc", "passwd")).Count(l => l.Length > 0);
        Assert.Equal(lines, Fixtures.Query("debian12", "select * from users").Rows.Count);
    }

    [Fact]
    public void Query_Alpine_ReadsGecosDirectoryAndShell()
    {
        var row = Assert.Single(Fixtures.Query("alpine", "select uid, gid, description, directory, shell from users where username = 'app'").Rows());
        Assert.Equal(1000L, row["uid"]);
        Assert.Equal(1000L, row["gid"]);
        Assert.Equal("Linux User,,,", row["description"]);
        Assert.Equal("/home/app", row["directory"]);
        Assert.Equal("/bin/sh", row["shell"]);
    }

    [Fact]
    public void Query_AmazonLinuxNfsnobody_SignedIdsWrap()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select uid, uid_signed, gid_signed from users where uid = 4294967294").Rows());
        Assert.Equal(4294967294L, row["uid"]);
        Assert.Equal(-2L, row["uid_signed"]);
        Assert.Equal(-2L, row["gid_signed"]);
    }

    [Fact]
    public void Query_UidConstraint_ReturnsOnlyThatUser()
    {
        var rows = Fixtures.Query("amzn2023", "select username from users where uid in (0, 1000)").Rows.Select(r => (string)r[0]!).Order();
        Assert.Equal(["ec2-user", "root"], rows);
    }

    [Fact]
    public void Query_DamagedPasswd_KeepsReadableLinesAndSkipsTheRest()
    {
        var rows = Fixtures.Query("damaged", "select username, uid, gid, description, directory, shell from users order by uid").Rows();
        Assert.Equal(["root", "short", "nogid", "trunc"], rows.Select(r => (string)r["username"]!));
        Assert.Null(rows[1]["gid"]);
        Assert.Equal("", rows[1]["directory"]);
        Assert.Null(rows[2]["gid"]);
        Assert.Equal("/home/nogid", rows[2]["directory"]);
        Assert.Equal("Truncated Us", rows[3]["description"]);
        Assert.Equal("", rows[3]["shell"]);
    }

    [Fact]
    public void Query_IncludeRemote_AsOsquerysTestsRunIt()
    {
        var all = Fixtures.Query("debian12", "select uid, username from users").Rows();

        var remote = Fixtures.Query("debian12", "select uid, username, include_remote from users where include_remote = 1").Rows();

        Assert.NotEmpty(all);
        Assert.Equal(all.Select(r => r["username"]), remote.Select(r => r["username"]));
        Assert.All(remote, r => Assert.Equal(1L, r["include_remote"]));
        Assert.Equal(all.Count, Fixtures.Query("debian12", "select * from users where include_remote = 0").Rows.Count);
    }

    [Fact]
    public void Query_PidWithNamespaceOfThisProcess_ReadsTheSameAccountsThroughProcRoot()
    {
        using var host = TableAssert.Host();
        var pid = Environment.ProcessId;

        var direct = host.Query("select username from users order by username").Rows.Select(r => r[0]).ToList();
        var viaNamespace = host.Query($"select username, pid_with_namespace from users where pid_with_namespace = {pid} order by username").Rows;

        Assert.Equal(direct, viaNamespace.Select(r => r[0]));
        Assert.All(viaNamespace, r => Assert.Equal((long)pid, r[1]));
    }
}
