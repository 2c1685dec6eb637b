// SPDX-License-Identifier: Apache-2.0
using System.Threading.Channels;

namespace FarQuery.Scheduler.Logging;

/// <summary>What keeps a sink's writes off the caller's thread (<see cref="ILogSink"/>): a bounded queue that drops and
/// counts what does not fit, and one writer thread that hands each item to the sink's write.</summary>
/// <typeparam name="T">What is queued.</typeparam>
internal sealed class SinkQueue<T>
{
    private readonly Channel<T> queue;
    private readonly Thread writer;
    private readonly Func<T, bool> write;
    private readonly Action? finished;
    private readonly object drained = new();
    private long dropped;
    private long pending;

    /// <summary>Creates the queue and starts its writer thread.</summary>
    /// <param name="name">The writer thread's name.</param>
    /// <param name="capacity">Items queued at most.</param>
    /// <param name="write">Writes one item on the writer thread; false when it was lost (counted as dropped).</param>
    /// <param name="finished">Run on the writer thread once the queue is completed and empty.</param>
    public SinkQueue(string name, int capacity, Func<T, bool> write, Action? finished = null)
    {
        this.write = write;
        this.finished = finished;
        queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        // Started with the sink, on the agent's start, and not on the first item: that item can be the drain's, on the
        // exit path, where NativeAOT's Thread.Start spins until the new thread runs (docs/tracer.md §6, "The exit path").
        writer = new Thread(Pump) { IsBackground = true, Name = name };
        writer.Start();
    }

    /// <summary>Items lost: refused by the full queue, or not written.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues an item, or counts it as dropped when the queue is full (or completed); never waits.</summary>
    public void Add(T item)
    {
        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref pending);
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Waits until every queued item is handled, or <paramref name="timeout"/> passes.</summary>
    public void Flush(TimeSpan timeout)
    {
        // The writer pulses when the queue runs empty: at the app's exit this waits for the last lines, not for a poll.
        var until = DateTime.UtcNow + timeout;
        lock (drained)
        {
            while (Interlocked.Read(ref pending) > 0)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                Monitor.Wait(drained, left);
            }
        }
    }

    /// <summary>Flushes within <paramref name="flush"/>, refuses further items, and waits up to <paramref name="join"/>
    /// for the writer to end; a writer stuck in a system call is left to the process exit.</summary>
    public void Complete(TimeSpan flush, TimeSpan join)
    {
        Flush(flush);
        queue.Writer.TryComplete();
        writer.Join(join);
    }

    private void Pump()
    {
        var reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    if (!write(item))
                    {
                        Interlocked.Increment(ref dropped);
                    }
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        lock (drained)
                        {
                            Monitor.PulseAll(drained);
                        }
                    }
                }
            }
        }

        finished?.Invoke();
    }
}
