// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>A bounded queue handed, item by item, to one dedicated thread: what keeps a log write, a denial report or a
/// snapshot off the thread that produced it (the tracer's, SQLite's).
/// <para><see cref="Add"/> never waits: a full queue drops the item and counts it. The thread sleeps on a monitor and is
/// woken by the add itself, never through the thread pool. A channel's asynchronous wait resumes its reader from a pool
/// thread, so with the pool starved (its threads blocked, a burst queued ahead) the writer slept on with lines queued,
/// and the drain at the app's exit lost them: a CI run lost a whole results log that way (docs/tables-and-paths.md,
/// "Time limits", says the same of deadlines).</para></summary>
/// <typeparam name="T">What is queued.</typeparam>
public sealed class WorkQueue<T>
{
    private readonly Queue<T> items = new();
    private readonly object gate = new();
    private readonly string name;
    private readonly int capacity;
    private readonly Func<T, bool> handle;
    private readonly Action? finished;
    private Thread? thread;
    private bool busy;
    private bool completed;
    private long dropped;

    /// <summary>Creates the queue; its thread starts now, or on <see cref="Start"/> when <paramref name="start"/> is
    /// false (a consumer that does not exist yet: what is added before waits for it).</summary>
    /// <param name="name">The thread's name.</param>
    /// <param name="capacity">Items queued at most (the one being handled not counted).</param>
    /// <param name="handle">Handles one item on the queue's thread; false when it was lost (counted as dropped). An
    /// exception is counted the same way and does not end the thread.</param>
    /// <param name="finished">Run on the queue's thread once it is completed and empty.</param>
    /// <param name="start">Whether to start the thread now.</param>
    public WorkQueue(string name, int capacity, Func<T, bool> handle, Action? finished = null, bool start = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.name = name;
        this.capacity = capacity;
        this.handle = handle;
        this.finished = finished;
        if (start)
        {
            // Started with its owner, at the agent's start, and not on the first item: that item can be the drain's, on
            // the exit path, where NativeAOT's Thread.Start spins until the new thread runs (docs/tracer.md §6, "The exit
            // path").
            Start();
        }
    }

    /// <summary>Items lost: refused by the full or completed queue, or not handled.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Items waiting, the one being handled not counted.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Starts the thread, once; later calls do nothing.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (thread is not null)
            {
                return;
            }

            thread = new Thread(Pump) { IsBackground = true, Name = name };
            thread.Start();
        }
    }

    /// <summary>Queues an item; false (and counted as dropped) when the queue is full or completed. Never waits beyond
    /// the queue's lock, which its thread holds only to take an item.</summary>
    public bool Add(T item)
    {
        lock (gate)
        {
            if (completed || items.Count >= capacity)
            {
                Interlocked.Increment(ref dropped);
                return false;
            }

            items.Enqueue(item);
            if (items.Count == 1)
            {
                Monitor.PulseAll(gate);
            }

            return true;
        }
    }

    /// <summary>Waits until every queued item is handled, or <paramref name="timeout"/> passes; at once when the thread
    /// has not started.</summary>
    public void Flush(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (thread is not null && (items.Count > 0 || busy))
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(gate, left))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Flushes within <paramref name="flush"/>, refuses further items, and waits up to <paramref name="join"/>
    /// for the thread to handle what is left and end; a handler stuck in a system call is left to the process exit. Items
    /// of a queue whose thread never started are counted as dropped.</summary>
    public void Complete(TimeSpan flush, TimeSpan join)
    {
        Flush(flush);
        Thread? running;
        lock (gate)
        {
            completed = true;
            running = thread;
            if (running is null)
            {
                // Never started: what waited for the consumer is lost, and counted.
                Interlocked.Add(ref dropped, items.Count);
                items.Clear();
            }

            Monitor.PulseAll(gate);
        }

        running?.Join(join);
    }

    private void Pump()
    {
        while (true)
        {
            T item;
            lock (gate)
            {
                while (items.Count == 0 && !completed)
                {
                    Monitor.Wait(gate);
                }

                if (items.Count == 0)
                {
                    break;
                }

                item = items.Dequeue();
                busy = true;
            }

            var ok = false;
            try
            {
                ok = handle(item);
            }
            catch (Exception)
            {
                // Counted below; the queue's thread outlives any one item.
            }

            if (!ok)
            {
                Interlocked.Increment(ref dropped);
            }

            lock (gate)
            {
                busy = false;
                if (items.Count == 0)
                {
                    // Wakes a flush waiting for the queue to run empty.
                    Monitor.PulseAll(gate);
                }
            }
        }

        // Completed and empty; outside the lock, so an add refused meanwhile does not wait for the close.
        RunFinished();
    }

    private void RunFinished()
    {
        try
        {
            finished?.Invoke();
        }
        catch (Exception)
        {
            // Closing is best effort; the thread ends either way.
        }
    }
}
