// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events;

/// <summary>The last process the tracer saw writing, renaming or unlinking each path, kept for a short window so that
/// the inotify publisher can say who changed a file (inotify itself carries no pid). Bounded in entries and in age;
/// safe to call from the tracer thread and the inotify thread at once. The composition root puts one instance in
/// <c>TableContext.Services</c>; without it (no tracer) <c>file_events.pid</c> and <c>executable</c> stay NULL.
/// The publisher looks a path up when it handles the event, so the tracer must record at the syscall-entry stop (the
/// tracee is stopped until the tracer resumes it, so the record happens before the kernel raises the inotify event).
/// It subscribes to the tracer like a table does (docs/events.md).</summary>
public sealed class RecentWrites : IEventSubscriber<TraceEvent>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> latest = new(StringComparer.Ordinal);
    private readonly Queue<(string Path, long Stamp)> order = new();
    private readonly TimeProvider time;
    private long evicted;

    /// <summary>Creates a store of at most <paramref name="capacity"/> paths, each kept for <paramref name="window"/>
    /// (5 s by default: the inotify thread can lag the tracer by a few hundred ms under load).</summary>
    public RecentWrites(int capacity = 8192, TimeSpan? window = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        Window = window ?? TimeSpan.FromSeconds(5);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Records who wrote, renamed or removed which path, from the tracer's successful file events; other
    /// events are ignored. A symlink's destination is the link target as given, not a path it wrote.</summary>
    public void OnEvent(TraceEvent e)
    {
        if (e is not FileEvent f || f.Status == "failed")
        {
            return;
        }

        var exe = f.Executable ?? "";
        if (f.Path is { Length: > 0 } path && path[0] == '/')
        {
            Record(path, f.Pid, exe);
        }

        if (f.DestPath is { Length: > 0 } dest && dest[0] == '/' && f.Operation != "symlink")
        {
            Record(dest, f.Pid, exe);
        }
    }

    /// <summary>Most paths held.</summary>
    public int Capacity { get; }

    /// <summary>How long a record can be matched.</summary>
    public TimeSpan Window { get; }

    /// <summary>Paths held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return latest.Count;
            }
        }
    }

    /// <summary>Records pushed out by <see cref="Capacity"/> before their window ended (attribution lost for them).</summary>
    public long Evicted => Interlocked.Read(ref evicted);

    /// <summary>Notes that <paramref name="pid"/> (running <paramref name="executable"/>) opened for writing, renamed or
    /// unlinked <paramref name="absolutePath"/> just now.</summary>
    public void Record(string absolutePath, long pid, string executable)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        var stamp = time.GetTimestamp();
        lock (gate)
        {
            latest[absolutePath] = new Entry(pid, executable ?? "", stamp);
            order.Enqueue((absolutePath, stamp));
            PruneLocked(stamp);
        }
    }

    /// <summary>The process that last wrote <paramref name="path"/> within <see cref="Window"/> of now.</summary>
    public bool TryFind(string path, out long pid, out string executable)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            if (latest.TryGetValue(path, out var e) && time.GetElapsedTime(e.Stamp, now) <= Window)
            {
                pid = e.Pid;
                executable = e.Executable;
                return true;
            }
        }

        pid = 0;
        executable = "";
        return false;
    }

    private void PruneLocked(long now)
    {
        // The queue may hold older stamps of a path recorded again since; only the stamp that matches the dictionary
        // entry owns it, so stale queue items are skipped rather than removing a fresh record.
        while (order.Count > 0)
        {
            var (path, stamp) = order.Peek();
            var expired = time.GetElapsedTime(stamp, now) > Window;
            if (!expired && latest.Count <= Capacity && order.Count <= 2 * Capacity)
            {
                break;
            }

            order.Dequeue();
            if (latest.TryGetValue(path, out var e) && e.Stamp == stamp)
            {
                latest.Remove(path);
                if (!expired)
                {
                    evicted++;
                }
            }
        }
    }

    private readonly record struct Entry(long Pid, string Executable, long Stamp);
}
