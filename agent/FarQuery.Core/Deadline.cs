// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Core;

/// <summary>Cancels a token source at a deadline from one dedicated thread, not from the thread pool.
/// <para>A query's time limit is what frees a worker stuck in a table (a walk of /proc, a read that blocks). A
/// <see cref="CancellationTokenSource"/>'s own timer only queues its cancellation to the thread pool, so when the pool
/// is starved (its threads blocked, a burst queued ahead of it) the limit passes unnoticed until a pool thread comes
/// free: a 2 s limit ran to 5.5 s in CI that way. The thread sleeps until the nearest deadline and is started on first
/// use; docs/tables-and-paths.md "Time limits".</para></summary>
public static class Deadline
{
    private static readonly object Gate = new();
    private static readonly SortedSet<Entry> Pending = new(Comparer<Entry>.Create(Entry.Compare));
    private static Thread? thread;
    private static long nextId;

    // When the thread will next look at the pending deadlines on its own (long.MaxValue while it waits for one to be
    // registered). A new deadline wakes it only when it is due before that: the scheduler registers one per statement
    // and withdraws it when the statement ends, so each new one is later than the last, and waking the thread for each
    // cost a futex wake and a context switch per statement (docs/tables-and-paths.md, "Time limits").
    private static long plannedWake = long.MaxValue;
    private static long wakes;

    /// <summary>Cancels <paramref name="source"/> once <paramref name="delay"/> has passed, unless the returned
    /// registration is disposed first. Dispose the registration before the source: once it returns, the source is
    /// neither being nor going to be cancelled by this class. <see cref="Timeout.InfiniteTimeSpan"/> never cancels, as
    /// with <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>; any other delay of zero or less cancels at once.</summary>
    public static Registration CancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (delay == Timeout.InfiniteTimeSpan)
        {
            return new Registration(null);
        }

        var ticks = delay <= TimeSpan.Zero ? 0 : (long)Math.Min(delay.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
        var entry = new Entry(source, Stopwatch.GetTimestamp() + ticks, Interlocked.Increment(ref nextId));
        lock (Gate)
        {
            Pending.Add(entry);
            if (thread is null)
            {
                // The sources' callbacks run on this thread (sqlite3_interrupt, linked sources, a table closing its
                // socket), so it keeps the default stack.
                thread = new Thread(Run) { IsBackground = true, Name = "farquery-deadlines" };
                thread.Start();
            }
            else if (entry.Due < plannedWake)
            {
                // Due before the thread would look again: wake it to sleep for the shorter time. It takes the nearest
                // deadline from the set once awake, so later ones registered meanwhile need no wake of their own.
                plannedWake = entry.Due;
                wakes++;
                Monitor.PulseAll(Gate);
            }
        }

        return new Registration(entry);
    }

    /// <summary>How many times a registration has woken the thread (for tests).</summary>
    internal static long Wakes
    {
        get
        {
            lock (Gate)
            {
                return wakes;
            }
        }
    }

    private static void Run()
    {
        while (true)
        {
            Entry due;
            lock (Gate)
            {
                while (true)
                {
                    var now = Stopwatch.GetTimestamp();
                    if (Pending.Count == 0)
                    {
                        if (plannedWake <= now || plannedWake == long.MaxValue)
                        {
                            plannedWake = long.MaxValue;
                            Monitor.Wait(Gate);
                            continue;
                        }

                        // The deadline it slept toward was withdrawn: it sleeps on until that time all the same, so the
                        // next deadline, which is usually later, is registered without a wake.
                        Sleep(plannedWake - now);
                        continue;
                    }

                    var first = Pending.Min!;
                    if (first.Due <= now)
                    {
                        Pending.Remove(first);
                        first.State = EntryState.Firing;
                        due = first;
                        break;
                    }

                    plannedWake = first.Due;
                    Sleep(first.Due - now);
                }
            }

            try
            {
                // Outside the lock: the source's callbacks may take time, and other deadlines are registered meanwhile.
                due.Source.Cancel();
            }
            catch (Exception)
            {
                // A callback's exception belongs to its owner, which sees the cancelled token; this thread must live on.
            }

            lock (Gate)
            {
                due.State = EntryState.Done;
                Monitor.PulseAll(Gate);
            }
        }
    }

    // At least 1 ms, so a deadline less than a millisecond away does not spin; at most an hour, as Monitor.Wait takes no
    // more than int.MaxValue milliseconds (a limit of years is allowed). Called with the lock held.
    private static void Sleep(long ticks) =>
        Monitor.Wait(Gate, TimeSpan.FromMilliseconds(Math.Clamp(ticks * 1000.0 / Stopwatch.Frequency, 1, 3_600_000)));

    internal enum EntryState
    {
        Waiting,
        Firing,
        Done,
    }

    internal sealed class Entry(CancellationTokenSource source, long due, long id)
    {
        public CancellationTokenSource Source { get; } = source;

        public long Due { get; } = due;

        public long Id { get; } = id;

        public EntryState State { get; set; }

        public static int Compare(Entry? a, Entry? b) =>
            a!.Due != b!.Due ? a.Due.CompareTo(b.Due) : a.Id.CompareTo(b.Id);
    }

    /// <summary>One pending cancellation; disposing it withdraws the deadline, waiting if it is firing right now.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly Entry? entry;

        internal Registration(Entry? entry) => this.entry = entry;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (entry is null)
            {
                return;
            }

            lock (Gate)
            {
                if (entry.State == EntryState.Waiting)
                {
                    Pending.Remove(entry);
                    entry.State = EntryState.Done;
                    return;
                }

                // A cancellation in progress must finish before the owner disposes its source (unless the owner is
                // one of its callbacks, on this class's thread, which would wait for itself).
                while (entry.State == EntryState.Firing && Thread.CurrentThread != thread)
                {
                    Monitor.Wait(Gate);
                }
            }
        }
    }
}
