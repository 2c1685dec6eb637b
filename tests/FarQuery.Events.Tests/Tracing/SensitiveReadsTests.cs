// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.TestSupport;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The pure parts of the sensitive-read watcher: naming the reader from its command line, the raw path of a
/// traversal, a descriptor's open flags and the $HOME prefix; and its retirement at the app's exit, on a real inotify
/// instance. The watcher end to end is covered by the detection tests (tests/FarQuery.Detections.Tests/
/// FileDetectionTests.cs), which trace real readers.</summary>
public sealed class SensitiveReadsTests
{
    [Theory]
    [InlineData("cat /etc/shadow", "/", true)]
    [InlineData("cat shadow", "/etc", true)]
    [InlineData("cat ../etc/./shadow", "/tmp", true)]
    [InlineData("grep root /tmp/../etc/shadow", "/", true)]
    [InlineData("cat /etc/shadow.bak", "/", false)]
    [InlineData("cat /tmp/shadow", "/", false)]
    [InlineData("cat shadow", "/tmp", false)]
    [InlineData("sh -c true", "/etc", false)]
    public void NamesFile_CommandLineWord_TrueOnlyWhenAWordResolvesToThePath(string cmdline, string cwd, bool expected)
    {
        Assert.Equal(expected, SensitiveReads.NamesFile(cmdline, cwd, "/etc/shadow"));
    }

    [Fact]
    public void NamesFile_NoCommandLine_False()
    {
        Assert.False(SensitiveReads.NamesFile(null, "/", "/etc/shadow"));
    }

    [Fact]
    public void NamesFile_RelativeWordWithoutCwd_False()
    {
        Assert.False(SensitiveReads.NamesFile("cat shadow", null, "/etc/shadow"));
    }

    [Theory]
    [InlineData("cat /tmp/../etc/shadow", "/", "/tmp/../etc/shadow")]
    [InlineData("cat ../../etc/shadow", "/var/log", "../../etc/shadow")]
    [InlineData("cat /etc/shadow", "/", "/etc/shadow")]
    [InlineData("cat /tmp/../etc/passwd", "/", "/etc/shadow")]
    public void RawPath_TraversalWord_ReturnedAsWritten(string cmdline, string cwd, string expected)
    {
        Assert.Equal(expected, SensitiveReads.RawPath(cmdline, cwd, "/etc/shadow"));
    }

    [Fact]
    public void ParseFdInfoFlags_RealFdinfo_ReadsOctalFlags()
    {
        // The layout of /proc/<pid>/fdinfo/<fd> (Linux 5.x and 6.x) for a read-only O_CLOEXEC descriptor.
        var text = "pos:\t0\nflags:\t02100000\nmnt_id:\t27\nino:\t1311\n"u8;
        Assert.Equal(Convert.ToInt64("2100000", 8), SensitiveReads.ParseFdInfoFlags(text));
    }

    [Fact]
    public void ParseFdInfoFlags_NoFlagsLine_Null()
    {
        Assert.Null(SensitiveReads.ParseFdInfoFlags("pos:\t0\nmnt_id:\t27\n"u8));
    }

    [Fact]
    public void ParseFdInfoFlags_OwnDescriptor_MatchesTheOpenFlags()
    {
        using var f = File.OpenRead("/proc/self/status");
        var fd = f.SafeFileHandle.DangerousGetHandle().ToInt64();
        var flags = SensitiveReads.ParseFdInfoFlags(File.ReadAllBytes($"/proc/self/fdinfo/{fd}"));
        Assert.NotNull(flags);
        Assert.Equal(0, flags!.Value & 3); // O_RDONLY: the access mode bits are 0
    }

    [Theory]
    [InlineData("/root", "/root")]
    [InlineData("/app/", "/app")]
    [InlineData("/", "")]
    [InlineData("relative", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void HomeOf_HomeValue_AbsolutePrefixOrNull(string? value, string? expected)
    {
        Assert.Equal(expected, SensitiveReads.HomeOf(value));
    }

    [Fact]
    public void OnEvent_ExitsOfWatchedProcesses_EnvironWatchesLeaveTheKernelInBatches()
    {
        var home = Directory.CreateTempSubdirectory("farquery-batch-");
        var children = new List<System.Diagnostics.Process>();
        try
        {
            Directory.CreateDirectory(Path.Combine(home.FullName, ".aws"));
            var rows = new Collect();
            using var reads = new SensitiveReads(new TableContext(), rows, [home.FullName]);
            Assert.True(reads.SetUp());
            var fd = InotifyFdWatching(Path.Combine(home.FullName, ".aws"));
            var before = Watches(fd).Length;
            var ownEnviron = reads.EnvironWatches; // the agent's own environ, watched from the start

            // Real processes, as the tracer's fork view reports them: each gets its environ watched.
            for (var i = 0; i < SensitiveReads.ExitedWatchBatch + 1; i++)
            {
                var child = System.Diagnostics.Process.Start("sleep", "60");
                children.Add(child);
                reads.OnEvent(new ProcessEvent { Syscall = "fork", Pid = child.Id, Tid = child.Id });
            }

            Assert.Equal(before + SensitiveReads.ExitedWatchBatch + 1, Watches(fd).Length);
            Assert.Equal(ownEnviron + SensitiveReads.ExitedWatchBatch + 1, reads.EnvironWatches);

            // One exit short of a batch: the watcher forgets them at once, the kernel keeps their watches.
            for (var i = 0; i < SensitiveReads.ExitedWatchBatch - 1; i++)
            {
                reads.OnEvent(new ProcessEvent { Syscall = "exit", Pid = children[i].Id, Tid = children[i].Id });
            }

            Assert.Equal(ownEnviron + 2, reads.EnvironWatches);
            Assert.Equal(before + SensitiveReads.ExitedWatchBatch + 1, Watches(fd).Length);

            // The batch's last exit removes the whole batch; the live process keeps its watch.
            var last = children[SensitiveReads.ExitedWatchBatch - 1];
            reads.OnEvent(new ProcessEvent { Syscall = "exit", Pid = last.Id, Tid = last.Id });
            Assert.Equal(ownEnviron + 1, reads.EnvironWatches);
            Assert.Equal(before + 1, Watches(fd).Length);

            // A retirement removes what is left, queued or live.
            var live = children[^1];
            reads.OnEvent(new ProcessEvent { Syscall = "exit", Pid = live.Id, Tid = live.Id });
            reads.Retire();
            Assert.Empty(Watches(fd));
        }
        finally
        {
            foreach (var child in children)
            {
                child.Kill();
                child.WaitForExit();
                child.Dispose();
            }

            home.Delete(recursive: true);
        }
    }

    [Fact]
    public void Retire_ReadQueuedBefore_IsReportedAndTheKernelHoldsNoWatchAfter()
    {
        var home = Directory.CreateTempSubdirectory("farquery-retire-");
        try
        {
            Directory.CreateDirectory(Path.Combine(home.FullName, ".aws"));
            var credentials = Path.Combine(home.FullName, ".aws", "credentials");
            File.WriteAllText(credentials, "[default]\n");
            var rows = new Collect();
            using var reads = new SensitiveReads(new TableContext(), rows, [home.FullName]);
            Assert.True(reads.SetUp());
            var fd = InotifyFdWatching(Path.Combine(home.FullName, ".aws"));
            Assert.NotEmpty(Watches(fd));

            // This process stands for the app: a candidate reader, as the tracer's exec view makes it. No reader thread is
            // started, so the open stays queued until Retire reads it.
            reads.OnEvent(new ProcessEvent { Syscall = "execve", Pid = Environment.ProcessId, Tid = Environment.ProcessId, Cmdline = "cat " + credentials });
            File.ReadAllText(credentials);
            reads.Retire();

            var row = Assert.Single(rows.Events.OfType<FileEvent>());
            Assert.Equal(credentials, row.Path);
            Assert.Equal(Environment.ProcessId, row.Pid);
            Assert.Empty(Watches(fd));
            Assert.Equal(0, reads.EnvironWatches);

            // Retired for good: a later exec adds no environ watch and a later read is not reported.
            reads.OnEvent(new ProcessEvent { Syscall = "execve", Pid = Environment.ProcessId, Tid = Environment.ProcessId });
            File.ReadAllText(credentials);
            reads.Retire();
            Assert.Single(rows.Events);
            Assert.Empty(Watches(fd));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>The descriptor of the inotify instance watching <paramref name="directory"/> (the watcher's: other tests
    /// of this process run their own instances beside it), found by the inode its fdinfo lists in hex.</summary>
    private static int InotifyFdWatching(string directory)
    {
        var inode = HostProgram.Output("stat", "-c", "%i", directory);
        var hex = "ino:" + ulong.Parse(inode, System.Globalization.CultureInfo.InvariantCulture).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + " ";
        return Directory.GetFiles("/proc/self/fd")
            .Select(f => (Fd: int.Parse(Path.GetFileName(f), System.Globalization.CultureInfo.InvariantCulture), Target: new FileInfo(f).LinkTarget))
            .Where(f => f.Target == "anon_inode:inotify")
            .Single(f => WatchesIfOpen(f.Fd).Any(l => l.Contains(hex, StringComparison.Ordinal))).Fd;
    }

    /// <summary><see cref="Watches"/>, or none when another test closed that descriptor meanwhile.</summary>
    private static string[] WatchesIfOpen(int fd)
    {
        try
        {
            return Watches(fd);
        }
        catch (IOException)
        {
            return [];
        }
    }


    /// <summary>The kernel's own list of the instance's watches: one "inotify wd:" line each in fdinfo.</summary>
    private static string[] Watches(int fd) =>
        [.. File.ReadAllLines($"/proc/self/fdinfo/{fd}").Where(l => l.StartsWith("inotify wd:", StringComparison.Ordinal))];

    private sealed class Collect : IEventSubscriber<TraceEvent>
    {
        public ConcurrentQueue<TraceEvent> Events { get; } = new();

        public void OnEvent(TraceEvent e) => Events.Enqueue(e);
    }
}
