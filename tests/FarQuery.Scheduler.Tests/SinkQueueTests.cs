// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Tests;

/// <summary>The sinks' queue and writer thread: items refused by a full queue or lost by the write are counted, a flush
/// returns once every item is handled, and completing it ends the writer. Nothing is timed.</summary>
public sealed class SinkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Add_WriterHeld_ItemsPastTheCapacityAreDroppedAtOnce()
    {
        using var release = new ManualResetEventSlim();
        using var taken = new ManualResetEventSlim();
        var written = 0;
        var queue = new SinkQueue<int>("test", 3, _ =>
        {
            taken.Set();
            release.Wait();
            Interlocked.Increment(ref written);
            return true;
        });

        // One item in the writer's hands, three queued; the other six find the queue full.
        queue.Add(0);
        Assert.True(taken.Wait(Bound));
        for (var i = 1; i < 10; i++)
        {
            queue.Add(i);
        }

        Assert.Equal(6, queue.Dropped);
        release.Set();
        queue.Flush(Bound);
        Assert.Equal(4, written);
    }

    [Fact]
    public void Flush_WriteReportsALoss_CountedAsDropped()
    {
        var queue = new SinkQueue<int>("test", 100, i => i % 2 == 0);
        for (var i = 0; i < 10; i++)
        {
            queue.Add(i);
        }

        queue.Flush(Bound);
        Assert.Equal(5, queue.Dropped);
    }

    [Fact]
    public void Complete_ItemsQueued_WritesThemRunsFinishedAndRefusesMore()
    {
        var written = new List<int>();
        var finished = false;
        var queue = new SinkQueue<int>("test", 100, i =>
        {
            written.Add(i);
            return true;
        }, () => finished = true);
        queue.Add(1);
        queue.Add(2);
        queue.Complete(Bound, Bound);
        Assert.Equal([1, 2], written);
        Assert.True(finished);
        queue.Add(3);
        Assert.Equal(1, queue.Dropped);
    }
}
