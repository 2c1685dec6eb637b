// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.TestSupport;

namespace FarQuery.Core.Tests;

/// <summary>The bounded queue and its thread: items refused by a full queue or lost by the handler are counted, a flush
/// returns once every item is handled, completing it ends the thread, and nothing in it waits for the thread pool.
/// Nothing is timed.</summary>
[Collection(nameof(StarvedPoolCollection))]
public sealed class WorkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Add_HandlerHeld_ItemsPastTheCapacityAreDroppedAtOnce()
    {
        using var release = new ManualResetEventSlim();
        using var taken = new ManualResetEventSlim();
        var handled = 0;
        var queue = new WorkQueue<int>("test", 3, _ =>
        {
            taken.Set();
            release.Wait();
            Interlocked.Increment(ref handled);
            return true;
        });

        // One item in the handler's hands, three queued; the other six find the queue full.
        Assert.True(queue.Add(0));
        Assert.True(taken.Wait(Bound));
        var accepted = 0;
        for (var i = 1; i < 10; i++)
        {
            accepted += queue.Add(i) ? 1 : 0;
        }

        Assert.Equal(3, accepted);
        Assert.Equal(6, queue.Dropped);
        release.Set();
        queue.Flush(Bound);
        Assert.Equal(4, handled);
    }

    [Fact]
    public void Flush_HandlerReportsALoss_CountedAsDropped()
    {
        var queue = new WorkQueue<int>("test", 100, i => i % 2 == 0);
        for (var i = 0; i < 10; i++)
        {
            queue.Add(i);
        }

        queue.Flush(Bound);
        Assert.Equal(5, queue.Dropped);
    }

    [Fact]
    public void Flush_HandlerThrows_CountedAndTheThreadHandlesTheNext()
    {
        var handled = new List<int>();
        var queue = new WorkQueue<int>("test", 100, i =>
        {
            if (i == 1)
            {
                throw new InvalidOperationException("bad item");
            }

            handled.Add(i);
            return true;
        });
        queue.Add(1);
        queue.Add(2);
        queue.Flush(Bound);
        Assert.Equal([2], handled);
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void Complete_ItemsQueued_HandlesThemRunsFinishedAndRefusesMore()
    {
        var handled = new List<int>();
        var finished = false;
        var queue = new WorkQueue<int>("test", 100, i =>
        {
            handled.Add(i);
            return true;
        }, () => finished = true);
        queue.Add(1);
        queue.Add(2);
        queue.Complete(Bound, Bound);
        Assert.Equal([1, 2], handled);
        Assert.True(finished);
        Assert.False(queue.Add(3));
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void Start_ItemsAddedBeforeTheThreadStarted_HandedOverOnStart()
    {
        var handled = new List<int>();
        var queue = new WorkQueue<int>("test", 100, i =>
        {
            handled.Add(i);
            return true;
        }, start: false);
        queue.Add(1);
        queue.Add(2);

        // Without a thread nothing is handled, and a flush does not wait for one.
        queue.Flush(Bound);
        Assert.Empty(handled);
        Assert.Equal(2, queue.Count);

        queue.Start();
        queue.Start();
        queue.Flush(Bound);
        Assert.Equal([1, 2], handled);
    }

    [Fact]
    public void Complete_NeverStarted_QueuedItemsCountedAsDropped()
    {
        var queue = new WorkQueue<int>("test", 100, _ => true, start: false);
        queue.Add(1);
        queue.Add(2);
        queue.Complete(Bound, Bound);
        Assert.Equal(2, queue.Dropped);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Flush_ThreadPoolStarved_StillHandlesTheItem()
    {
        var onPool = true;
        using var handled = new ManualResetEventSlim();
        var queue = new WorkQueue<int>("test", 100, _ =>
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            handled.Set();
            return true;
        });

        // The thread is already asleep on an empty queue: the add alone must wake it.
        queue.Flush(Bound);
        using var starved = new StarvedThreadPool(Bound);
        queue.Add(1);
        queue.Flush(Bound);

        Assert.True(handled.IsSet, "the item was never handled");
        Assert.False(starved.ReleasedBySafety, "the queue waited for the starved pool");
        Assert.False(onPool);
    }
}
