// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using TracedFileEvent = FarQuery.Events.Tracing.FileEvent;

namespace FarQuery.Events.Tests.Inotify;

public sealed class RecentWritesTests
{
    [Fact]
    public void TryFind_WithinWindow_ReturnsLatestWriter()
    {
        var clock = new ManualClock();
        var r = new RecentWrites(window: TimeSpan.FromSeconds(2), time: clock);
        r.Record("/etc/passwd", 10, "/usr/bin/a");
        r.Record("/etc/passwd", 11, "/usr/bin/b");
        Assert.True(r.TryFind("/etc/passwd", out var pid, out var exe));
        Assert.Equal((11L, "/usr/bin/b"), (pid, exe));
        Assert.False(r.TryFind("/etc/shadow", out _, out _));
    }

    [Fact]
    public void TryFind_AfterWindow_NoMatchAndPruned()
    {
        var clock = new ManualClock();
        var r = new RecentWrites(window: TimeSpan.FromSeconds(2), time: clock);
        r.Record("/a", 1, "x");
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(r.TryFind("/a", out _, out _));
        r.Record("/b", 2, "y");
        Assert.Equal(1, r.Count);
        Assert.Equal(0, r.Evicted);
    }

    [Fact]
    public void Record_OverCapacity_OldestEvictedAndCounted()
    {
        var r = new RecentWrites(capacity: 2, time: new ManualClock());
        r.Record("/1", 1, "x");
        r.Record("/2", 2, "x");
        r.Record("/3", 3, "x");
        Assert.Equal(2, r.Count);
        Assert.Equal(1, r.Evicted);
        Assert.False(r.TryFind("/1", out _, out _));
        Assert.True(r.TryFind("/3", out _, out _));
    }

    [Fact]
    public void Record_ConcurrentThreads_StaysBounded()
    {
        var r = new RecentWrites(capacity: 100);
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                r.Record($"/t{t}/{i}", t, "x");
                r.TryFind($"/t{t}/{i / 2}", out _, out _);
            }
        });
        Assert.True(r.Count <= 100);
    }

    [Fact]
    public void OnEvent_SucceededRename_RecordsSourceAndDestination()
    {
        var r = new RecentWrites(time: new ManualClock());
        r.OnEvent(new TracedFileEvent { Operation = "rename", Syscall = "rename", Pid = 5, Executable = "/bin/mv", Path = "/a", DestPath = "/b", Status = "succeeded" });
        Assert.True(r.TryFind("/a", out var pid, out var exe));
        Assert.Equal((5L, "/bin/mv"), (pid, exe));
        Assert.True(r.TryFind("/b", out _, out _));
    }

    [Fact]
    public void OnEvent_FailedOrSymlinkOrOtherEvents_RecordNoTarget()
    {
        var r = new RecentWrites(time: new ManualClock());
        r.OnEvent(new TracedFileEvent { Operation = "open", Syscall = "openat", Pid = 5, Path = "/failed", Status = "failed" });
        r.OnEvent(new TracedFileEvent { Operation = "symlink", Syscall = "symlink", Pid = 5, Path = "/link", DestPath = "/target", Status = "succeeded" });
        r.OnEvent(new ProcessEvent { Syscall = "execve", Pid = 5, Path = "/bin/sh" });
        Assert.False(r.TryFind("/failed", out _, out _));
        Assert.False(r.TryFind("/target", out _, out _));
        Assert.True(r.TryFind("/link", out _, out _));
        Assert.Equal(1, r.Count);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long now = 1;

        public override long TimestampFrequency => 1_000_000_000;

        public override long GetTimestamp() => now;

        public void Advance(TimeSpan by) => now += (long)(by.TotalSeconds * TimestampFrequency);
    }
}
