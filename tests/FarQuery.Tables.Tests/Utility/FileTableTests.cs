// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class FileTableTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("fq-file-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void SelectStar_LiveEtcPasswd_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("file", "select * from file where path = '/etc/passwd'").Rows());
        Assert.Equal("passwd", row["filename"]);
        Assert.Equal("/etc", row["directory"]);
        Assert.Equal("regular", row["type"]);
        Assert.Equal("0644", row["mode"]);
        Assert.Equal(new FileInfo("/etc/passwd").Length, row["size"]);
    }

    [Fact]
    public void Query_WithoutPathOrDirectory_FailsWithOsqueryError()
    {
        using var host = TableAssert.Host();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select * from file"));
        Assert.Contains("required column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [global::System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Query_LiveFile_MatchesStat()
    {
        var path = Path.Join(temp, "suid");
        File.WriteAllText(path, "12345");
        File.SetUnixFileMode(path, UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.CreateSymbolicLink(Path.Join(temp, "link"), path);
        using var host = TableAssert.Host();
        var rows = host.Query($"select path, inode, mode, size, hard_links, symlink, type, symlink_target_path, uid, mtime from file where directory = '{temp}' order by path").Rows();
        Assert.Equal(2, rows.Count);
        var stat = Fixtures.RequireTool("stat", "-c", "%i %u %Y", path)?.Trim().Split(' ');
        var file = rows[1];
        Assert.Equal("4755", file["mode"]);
        Assert.Equal(5L, file["size"]);
        Assert.Equal(1L, file["hard_links"]);
        Assert.Equal(0L, file["symlink"]);
        if (stat is not null)
        {
            Assert.Equal(stat, new[] { file["inode"]!.ToString(), file["uid"]!.ToString(), file["mtime"]!.ToString() });
        }

        var link = rows[0];
        Assert.Equal(1L, link["symlink"]);
        Assert.Equal("regular", link["type"]);
        Assert.Equal(path, link["symlink_target_path"]);
        Assert.Equal(file["inode"], link["inode"]);
    }

    [Fact]
    public void Query_CharacterDevice_ReportsTypeAndDeviceNumber()
    {
        // /dev/null is character device 1:3 on every Linux (Documentation/admin-guide/devices.txt): makedev(1, 3) = 259.
        using var host = TableAssert.Host();
        var row = Assert.Single(host.Query("select type, device, mode from file where path = '/dev/null'").Rows);
        Assert.Equal(new object?[] { "character", 259L, "0666" }, row);
    }

    [Fact]
    public void Query_FixturePath_ReportsSizeTypeAndDirectory()
    {
        var row = Assert.Single(Fixtures.Query("files", "select path, directory, filename, size, type, symlink from file where path = '/etc/app.conf'").Rows);
        Assert.Equal(new object?[] { "/etc/app.conf", "/etc", "app.conf", 15L, "regular", 0L }, row);
    }

    [Fact]
    public void Query_FixtureSymlinks_ResolveAndDangle()
    {
        var rows = Fixtures.Query("files", "select path, symlink, type, symlink_target_path from file where path in ('/etc/link', '/etc/dangling') order by path").Rows;
        Assert.Equal(new object?[] { "/etc/dangling", 1L, "symlink", "/etc/missing" }, rows[0]);
        Assert.Equal(new object?[] { "/etc/link", 1L, "regular", "/etc/app.conf" }, rows[1]);
    }

    [Fact]
    public void Query_MissingPath_GivesNoRow()
    {
        Assert.Empty(Fixtures.Query("files", "select * from file where path = '/etc/nope'").Rows);
    }

    [Fact]
    public void Query_DirectoryEquals_ListsEntriesNotRecursively()
    {
        var rows = Fixtures.Query("files", "select path, directory, type from file where directory = '/etc'").Rows;
        Assert.Equal(["/etc/app.conf", "/etc/dangling", "/etc/hostname", "/etc/link", "/etc/nested"], rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.Equal("/etc", r[1]));
    }

    [Fact]
    public void Query_LikeSinglePercent_MatchesOneLevel()
    {
        var rows = Fixtures.Query("files", "select path from file where path like '/etc/%'").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["/etc/app.conf", "/etc/dangling", "/etc/hostname", "/etc/link", "/etc/nested"], rows);
    }

    [Fact]
    public void Query_LikeDoublePercent_WalksTheTree()
    {
        var rows = Fixtures.Query("files", "select path from file where path like '/etc/%%'").Rows.Select(r => (string)r[0]!).ToList();
        Assert.Contains("/etc/nested/deep/file.txt", rows);
        Assert.Contains("/etc/nested/deep", rows);
        Assert.Equal(7, rows.Count);
    }

    [Fact]
    public void Query_LikeWithinName_FiltersBySuffix()
    {
        var rows = Fixtures.Query("files", "select path from file where path like '/%/%.conf'").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["/etc/app.conf"], rows);
    }

    [Fact]
    public void Query_JoinSuppliesPath_UsesThePushedDownValue()
    {
        var rows = Fixtures.Query("files", "select f.path, f.size from (select '/etc/hostname' as p union select '/etc/app.conf') j join file f on f.path = j.p order by f.path").Rows;
        Assert.Equal(2, rows.Count);
        Assert.Equal(13L, rows[1][1]);
    }

    [Fact]
    public void Query_FixtureRoot_NeverReadsOutsideIt()
    {
        // /etc/passwd exists on the live machine but not in the "files" tree: the seam must not fall through to "/".
        Assert.Empty(Fixtures.Query("files", "select * from file where path = '/etc/passwd'").Rows);
        Assert.NotNull(new TableContext().Fs);
    }
}
