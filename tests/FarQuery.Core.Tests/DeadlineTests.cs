// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.TestSupport;

namespace FarQuery.Core.Tests;

[Collection(nameof(StarvedPoolCollection))]
public sealed class DeadlineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Registers a deadline for <paramref name="source"/> and waits until it fires.</summary>
    private static void AssertFires(CancellationTokenSource source, TimeSpan delay, string because)
    {
        using (Deadline.CancelAfter(source, delay))
        {
            Assert.True(source.Token.WaitHandle.WaitOne(Patience), because);
        }
    }

    [Fact]
    public void CancelAfter_DelayPasses_CancelsOnItsOwnThreadNotThePool()
    {
        using var source = new CancellationTokenSource();
        bool? onPool = null;
        string? threadName = null;
        source.Token.Register(() =>
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            threadName = Thread.CurrentThread.Name;
        });

        AssertFires(source, TimeSpan.FromMilliseconds(20), "the deadline never fired");

        Assert.False(onPool);
        Assert.Equal("farquery-deadlines", threadName);
    }

    [Fact]
    public void Dispose_BeforeTheDeadline_SourceIsNeverCancelled()
    {
        using var withdrawn = new CancellationTokenSource();
        using var later = new CancellationTokenSource();
        Deadline.CancelAfter(withdrawn, TimeSpan.FromMilliseconds(50)).Dispose();

        // Deadlines fire in order: once the later one has fired, the withdrawn one would have too.
        AssertFires(later, TimeSpan.FromMilliseconds(200), "the later deadline never fired");

        Assert.False(withdrawn.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_InfiniteDelay_NeverCancels()
    {
        using var never = new CancellationTokenSource();
        using var later = new CancellationTokenSource();
        using var neverTimer = Deadline.CancelAfter(never, Timeout.InfiniteTimeSpan);
        AssertFires(later, TimeSpan.FromMilliseconds(50), "the later deadline never fired");

        Assert.False(never.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_NearerDeadlineRegisteredLater_FiresFirst()
    {
        using var far = new CancellationTokenSource();
        using var near = new CancellationTokenSource();
        using var farTimer = Deadline.CancelAfter(far, TimeSpan.FromMinutes(10));

        // The thread sleeps toward the ten-minute deadline; a nearer one must wake it.
        AssertFires(near, TimeSpan.FromMilliseconds(20), "the nearer deadline waited behind the farther one");

        Assert.False(far.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_AfterTheNearestWasWithdrawn_DoesNotWakeTheThread()
    {
        // A statement's deadline is withdrawn when it ends and the next one registers a later deadline: the thread,
        // asleep toward the withdrawn one, finds the later one when it wakes, so the registration need not wake it.
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        Deadline.CancelAfter(first, TimeSpan.FromMinutes(10)).Dispose();
        var wakes = Deadline.Wakes;

        using var secondTimer = Deadline.CancelAfter(second, TimeSpan.FromMinutes(20));

        Assert.Equal(wakes, Deadline.Wakes);
    }

    [Fact]
    public void CancelAfter_LaterDeadlineAfterTheNearestWasWithdrawn_StillFires()
    {
        using var withdrawn = new CancellationTokenSource();
        using var later = new CancellationTokenSource();
        Deadline.CancelAfter(withdrawn, TimeSpan.FromMilliseconds(30)).Dispose();

        // The thread wakes toward the withdrawn deadline, finds it gone, and sleeps on toward this one.
        AssertFires(later, TimeSpan.FromMilliseconds(100), "the deadline registered without a wake never fired");

        Assert.False(withdrawn.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_DeadlineYearsAway_ThreadWaitsAndLaterDeadlinesFire()
    {
        using var distant = new CancellationTokenSource();
        using var near = new CancellationTokenSource();
        using var distantTimer = Deadline.CancelAfter(distant, TimeSpan.FromDays(3650));
        Thread.Sleep(50);

        // The thread has gone to sleep toward the distant deadline (a wait longer than Monitor.Wait takes) and lives.
        AssertFires(near, TimeSpan.FromMilliseconds(20), "the deadline thread died waiting for a distant deadline");

        Assert.False(distant.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_CallbackThrows_LaterDeadlinesStillFire()
    {
        using var throwing = new CancellationTokenSource();
        throwing.Token.Register(() => throw new InvalidOperationException("a callback's own failure"));
        using var next = new CancellationTokenSource();
        using var first = Deadline.CancelAfter(throwing, TimeSpan.Zero);
        AssertFires(next, TimeSpan.FromMilliseconds(50), "the deadline thread died with the callback");

        Assert.True(throwing.IsCancellationRequested);
    }

    [Fact]
    public void Dispose_WhileItsCallbackRuns_WaitsForTheCallbackToEnd()
    {
        using var source = new CancellationTokenSource();
        using var entered = new ManualResetEventSlim();
        using var proceed = new ManualResetEventSlim();
        var finished = false;
        source.Token.Register(() =>
        {
            entered.Set();
            proceed.Wait(Patience);
            Volatile.Write(ref finished, true);
        });

        var registration = Deadline.CancelAfter(source, TimeSpan.Zero);
        Assert.True(entered.Wait(Patience), "the deadline never fired");
        var disposer = new Thread(registration.Dispose);
        disposer.Start();

        // The disposer must still be waiting while the callback runs.
        Assert.False(disposer.Join(TimeSpan.FromMilliseconds(200)));
        proceed.Set();
        Assert.True(disposer.Join(Patience), "dispose did not return after the callback ended");
        Assert.True(Volatile.Read(ref finished));
    }

    [Fact]
    public void CancelAfter_ThreadPoolStarved_StillCancels()
    {
        using var source = new CancellationTokenSource();
        using var starved = new StarvedThreadPool(Patience);
        AssertFires(source, TimeSpan.FromMilliseconds(100), "the deadline never fired");

        // Had the cancellation needed a pool thread, only the safety release would have let it through.
        Assert.False(starved.ReleasedBySafety, "the deadline waited for the starved pool");
    }
}

/// <summary>Tests that starve the process's thread pool run alone (xunit runs such a collection after the parallel ones).</summary>
[CollectionDefinition(nameof(StarvedPoolCollection), DisableParallelization = true)]
public sealed class StarvedPoolCollection;
