// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SuidBinTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("suid_bin");
        if (File.Exists("/usr/bin/passwd") && (File.GetUnixFileMode("/usr/bin/passwd") & UnixFileMode.SetUser) != 0)
        {
            Assert.Contains(result.Rows(), r => ((string)r["path"]!).EndsWith("/passwd", StringComparison.Ordinal) && ((string)r["permissions"]!).Contains('S'));
        }
    }

    [Fact]
    public void Query_DroppedSetuidFileInTmp_IsListedWithOwnerNames()
    {
        // Modes cannot be committed reliably in git, so the tree is built here: a setuid root file, a setgid file with
        // an unnamed owner, a plain file and a symlink to the setuid file.
        var root = Directory.CreateTempSubdirectory("fq-suid-");
        try
        {
            Directory.CreateDirectory(Path.Join(root.FullName, "etc"));
            Directory.CreateDirectory(Path.Join(root.FullName, "tmp"));
            File.Copy(Path.Join(Fixtures.Root("debian12"), "etc", "passwd"), Path.Join(root.FullName, "etc", "passwd"));
            File.Copy(Path.Join(Fixtures.Root("debian12"), "etc", "group"), Path.Join(root.FullName, "etc", "group"));
            var suid = Path.Join(root.FullName, "tmp", "rootshell");
            var sgid = Path.Join(root.FullName, "tmp", "groupy");
            File.WriteAllText(suid, "x");
            File.WriteAllText(sgid, "x");
            File.WriteAllText(Path.Join(root.FullName, "tmp", "plain"), "x");
            File.CreateSymbolicLink(Path.Join(root.FullName, "tmp", "link"), suid);
            File.SetUnixFileMode(suid, UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.SetUnixFileMode(sgid, UnixFileMode.SetGroup | UnixFileMode.UserRead | UnixFileMode.GroupExecute);

            using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(root.FullName) });
            var rows = host.Query("select * from suid_bin order by path").Rows();
            Assert.Equal(["/tmp/groupy", "/tmp/rootshell"], rows.Select(r => (string)r["path"]!));
            Assert.Equal("G", rows[0]["permissions"]);
            Assert.Equal(("S", "root", "root"), ((string)rows[1]["permissions"]!, (string)rows[1]["username"]!, (string)rows[1]["groupname"]!));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
