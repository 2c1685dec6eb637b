// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessesTableTests
{
    private static TableContext Fixture(string scenario) =>
        new() { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", scenario)) };

    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("processes");
        Assert.Contains(result.Rows, r => (long)r[0]! == Environment.ProcessId);
    }

    [Fact]
    public void Query_PidEquals_ReadsOneProcEntry()
    {
        var context = new TableContext();
        using var host = TableAssert.Host(context);
        var result = host.Query("select pid, name, cmdline from processes where pid = 1");
        Assert.Single(result.Rows);
        Assert.Equal(1, context.Fs.ProcessReads);
    }

    [Fact]
    public void Query_PidIn_ReadsOnlyThoseEntries()
    {
        var context = new TableContext();
        using var host = TableAssert.Host(context);
        var result = host.Query($"select pid from processes where pid in (1, {Environment.ProcessId})");
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(2, context.Fs.ProcessReads);
    }

    [Fact]
    public void Query_Fixture_ParsesStatStatusAndCmdline()
    {
        using var host = TableAssert.Host(Fixture("basic"));
        var row = Assert.Single(host.Query("select pid, name, cmdline, state, parent, uid, euid, gid, threads, resident_size, user_time, start_time, cgroup_path from processes where pid = 42").Rows);
        Assert.Equal(42L, row[0]);
        Assert.Equal("node (worker)", row[1]);
        Assert.Equal("node /srv/app/server.js --port 8080", row[2]);
        Assert.Equal("S", row[3]);
        Assert.Equal(1L, row[4]);
        Assert.Equal(1000L, row[5]);
        Assert.Equal(1001L, row[6]);
        Assert.Equal(1000L, row[7]);
        Assert.Equal(11L, row[8]);
        Assert.Equal(51200L * 1024, row[9]);
        Assert.Equal(1230L, row[10]);
        Assert.Equal(1700000000L + 250, row[11]);
        Assert.Equal("/ecs/task/abc", row[12]);
    }

    [Fact]
    public void Query_MissingPid_IsSkippedNotAnError()
    {
        using var host = TableAssert.Host(Fixture("basic"));
        Assert.Empty(host.Query("select * from processes where pid = 999").Rows);
    }

    [Fact]
    public void Query_FixtureScan_ListsEveryPid()
    {
        using var host = TableAssert.Host(Fixture("basic"));
        Assert.Equal([1L, 42L], host.Query("select pid from processes order by pid").Rows.Select(r => (long)r[0]!));
    }

    [Fact]
    public void Query_PidAndNameOnly_DoesNotOpenStatus()
    {
        // A copy of the fixture whose status file is watched for opens by the kernel (inotify IN_OPEN): the columns of
        // ps -e -o pid,comm come from stat alone, and the uid query is the control that shows the watch sees the table.
        var root = Directory.CreateTempSubdirectory("fq-proc-status-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.Join(RepoPaths.Fixtures, "rootfs", "basic"), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Join(root, Path.GetRelativePath(Path.Join(RepoPaths.Fixtures, "rootfs", "basic"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            using var watch = new OpenWatch(Path.Join(root, "proc", "42", "status"));
            using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(root) });

            var row = Assert.Single(host.Query("select pid, name from processes where pid = 42").Rows);
            Assert.Equal("node (worker)", row[1]);
            Assert.Equal(0, watch.Opens());

            Assert.Equal(1000L, Assert.Single(host.Query("select uid from processes where pid = 42").Rows)[0]);
            Assert.True(watch.Opens() > 0);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Counts opens of one file through inotify.</summary>
    private sealed unsafe class OpenWatch : IDisposable
    {
        private readonly int fd;

        public OpenWatch(string path)
        {
            fd = Interop.Libc.inotify_init1(Interop.Libc.IN_NONBLOCK | Interop.Libc.IN_CLOEXEC);
            Assert.True(fd >= 0);
            var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
            fixed (byte* p = bytes)
            {
                Assert.True(Interop.Libc.inotify_add_watch(fd, p, Interop.Libc.IN_OPEN) >= 0);
            }
        }

        /// <summary>The open events queued since the last call.</summary>
        public int Opens()
        {
            var count = 0;
            var buffer = new byte[4096];
            fixed (byte* b = buffer)
            {
                nint n;
                while ((n = Interop.Libc.read(fd, b, (nuint)buffer.Length)) > 0)
                {
                    for (var at = 0; at + 16 <= n; at += 16 + (int)BitConverter.ToUInt32(buffer, at + 12))
                    {
                        count += (BitConverter.ToUInt32(buffer, at + 4) & Interop.Libc.IN_OPEN) != 0 ? 1 : 0;
                    }
                }
            }

            return count;
        }

        public void Dispose() => Interop.Libc.close(fd);
    }
}
