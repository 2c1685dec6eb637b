// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Tests;

/// <summary>osquery's filesystem logger: one file per log kind, size rotation, counted losses, and a writer thread that
/// a blocking log path cannot turn into a blocked caller. Nothing is timed: a hang is caught by xUnit's own bound on the
/// test run; the clock that paces reopening is stepped by hand.</summary>
public sealed class RotatingFileSinkTests : IDisposable
{
    /// <summary>Bound of a flush that must complete: generous, it only turns a hang into a failure.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);

    private readonly string dir = Directory.CreateTempSubdirectory("fq-logs-").FullName;

    private string Results => Path.Join(dir, "osqueryd.results.log");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Write_EachKind_GoesToOsquerysFile()
    {
        using var sink = new RotatingFileSink(dir);
        sink.Write(LogKind.Result, "{\"r\":1}");
        sink.Write(LogKind.Snapshot, "{\"s\":1}");
        sink.Write(LogKind.Status, "{\"st\":1}");
        sink.Flush(Drain);
        Assert.Equal("{\"r\":1}\n", File.ReadAllText(Results));
        Assert.Equal("{\"s\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.snapshots.log")));
        Assert.Equal("{\"st\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.status.log")));
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Write_PastTheSize_RotatesAndKeepsMaxFiles()
    {
        using var sink = new RotatingFileSink(dir, maxBytes: 100, maxFiles: 3);
        var line = new string('a', 59);
        for (var i = 0; i < 6; i++)
        {
            sink.Write(LogKind.Result, i + line);
        }

        // 60-byte lines, 100-byte files: every line starts a new file; the newest is current, then .1, .2; older are gone.
        sink.Flush(Drain);
        Assert.Equal("5" + line + "\n", File.ReadAllText(Results));
        Assert.Equal("4" + line + "\n", File.ReadAllText(Results + ".1"));
        Assert.Equal("3" + line + "\n", File.ReadAllText(Results + ".2"));
        Assert.False(File.Exists(Results + ".3"));
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Write_ExistingFileNearTheSize_CountsItsBytesAndRotatesIt()
    {
        File.WriteAllText(Results, new string('o', 97) + "\n");
        using var sink = new RotatingFileSink(dir, maxBytes: 100, maxFiles: 2);
        sink.Write(LogKind.Result, "new");
        sink.Flush(Drain);
        Assert.Equal("new\n", File.ReadAllText(Results));
        Assert.Equal(98, new FileInfo(Results + ".1").Length);
    }

    [Fact]
    public void Write_DirectoryReplacedByAFile_LineIsCountedAsLost()
    {
        using var sink = new RotatingFileSink(dir);
        Directory.Delete(dir);
        File.WriteAllText(dir, "not a directory");
        try
        {
            sink.Write(LogKind.Result, "{}");
            sink.Flush(Drain);
            Assert.Equal(1, sink.Dropped);
        }
        finally
        {
            File.Delete(dir);
            Directory.CreateDirectory(dir);
        }
    }

    [Fact]
    public void Write_AfterAFailedOpen_PathTriedAgainOnlyAfterASecond()
    {
        var clock = new SteppedClock();
        using var sink = new RotatingFileSink(dir, time: clock);
        Directory.Delete(dir);
        File.WriteAllText(dir, "not a directory");
        sink.Write(LogKind.Result, "lost");
        sink.Flush(Drain);
        File.Delete(dir);
        Directory.CreateDirectory(dir);

        // The folder is back, but the failure holds the path back for a second: this line is counted without a try.
        sink.Write(LogKind.Result, "held back");
        sink.Flush(Drain);
        Assert.Equal(2, sink.Dropped);
        Assert.False(File.Exists(Results));

        clock.Advance(RotatingFileSink.RecheckInterval);
        sink.Write(LogKind.Result, "written");
        sink.Flush(Drain);
        Assert.Equal("written\n", File.ReadAllText(Results));
        Assert.Equal(2, sink.Dropped);
    }

    [Fact]
    public void Write_ManyLines_OneDescriptorOnOneFile()
    {
        using var sink = new RotatingFileSink(dir);
        for (var i = 0; i < 1000; i++)
        {
            sink.Write(LogKind.Result, "line " + i);
        }

        sink.Flush(Drain);

        // Opened per line, the file would have no descriptor once the lines are written; kept open, it has exactly one.
        Assert.Equal(1000, File.ReadAllLines(Results).Length);
        Assert.Equal(1, DescriptorsOn(Results));
        Assert.Equal(0, sink.Dropped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_ResultsFileRenamedOrRemoved_LaterLinesGoToANewFile(bool removed)
    {
        var clock = new SteppedClock();
        using var sink = new RotatingFileSink(dir, time: clock);
        sink.Write(LogKind.Result, "before");
        sink.Flush(Drain);

        // What logrotate does without copytruncate: rename (or remove), then expect the writer to start a new file.
        File.Move(Results, Results + ".old");
        if (removed)
        {
            File.Delete(Results + ".old");
        }

        clock.Advance(RotatingFileSink.RecheckInterval);
        sink.Write(LogKind.Result, "after");
        sink.Flush(Drain);

        Assert.Equal("after\n", File.ReadAllText(Results));
        if (!removed)
        {
            Assert.Equal("before\n", File.ReadAllText(Results + ".old"));
        }

        Assert.Equal(0, DescriptorsOn(Results + ".old") + DescriptorsOn(Results + ".old (deleted)"));
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Write_ResultsLogIsAFifoNobodyReads_ResultLinesCountedAndStatusLinesWritten()
    {
        MakeFifo(Results);
        const int lines = 20_000;
        var sink = new RotatingFileSink(dir, capacity: 64);
        for (var i = 0; i < lines; i++)
        {
            sink.Write(LogKind.Result, "{\"r\":" + i + "}");
        }

        sink.Flush(Drain);

        // Each result line is lost, to the full queue or to the FIFO's refused open; a status line is not held up.
        Assert.Equal(lines, sink.Dropped);
        sink.Write(LogKind.Status, "{\"st\":1}");
        sink.Flush(Drain);
        Assert.Equal("{\"st\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.status.log")));
        sink.Dispose();
    }

    [Fact]
    public void Write_ResultsFifoReaderNeverReads_WritesReturnLinesPastTheQueueAreCountedFifoNotRotatedDisposeReturns()
    {
        MakeFifo(Results);

        // A reader that holds the FIFO open and reads nothing: the writer's open succeeds, and its writes block once the
        // pipe is full, which would be the scheduler's thread without the queue.
        using var reader = File.OpenHandle(Results, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        const int lines = 5_000;
        const int capacity = 16;
        var sink = new RotatingFileSink(dir, maxBytes: 100, capacity: capacity);
        var line = new string('x', 1000);
        for (var i = 0; i < lines; i++)
        {
            sink.Write(LogKind.Result, line);
        }

        // At most the pipe (64 KiB by default; 1 MiB allowed for 64 KiB pages), the queue and the line in the writer's
        // hands got through; every other line was refused at once.
        Assert.InRange(sink.Dropped, lines - capacity - 1 - (1024 * 1024 / 1001), lines);
        sink.Dispose();

        // Lines past the rotation size did not rename the FIFO: only regular files rotate.
        Assert.False(File.Exists(Results + ".1"));
    }

    private static void MakeFifo(string path)
    {
        using var p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>This process's descriptors whose link names <paramref name="path"/>.</summary>
    private static int DescriptorsOn(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => Target(fd) == path);

    private static string? Target(FileSystemInfo fd)
    {
        try
        {
            return fd.LinkTarget;
        }
        catch (IOException)
        {
            // A descriptor closed between the listing and the read.
            return null;
        }
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long now = 1;

        public override long TimestampFrequency => 1_000_000_000;

        public override long GetTimestamp() => Interlocked.Read(ref now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref now, (long)(by.TotalSeconds * TimestampFrequency));
    }
}
