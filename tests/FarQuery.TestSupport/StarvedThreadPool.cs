// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.TestSupport;

/// <summary>Starves the thread pool until disposed: every pool thread there is, and many more work items queued behind
/// them, wait on one event, and the pool may not add threads (its maximum is lowered to what it has), so anything
/// queued to it (a timer's callback, a continuation) waits until the pool is released. A safety thread (not a pool thread) releases the pool after
/// <paramref name="safety"/>, so a test that fails cannot hang the run; <see cref="ReleasedBySafety"/> says whether it
/// had to. Run such tests in a collection with parallelization disabled: the whole process shares the pool.</summary>
public sealed class StarvedThreadPool : IDisposable
{
    private readonly ManualResetEventSlim release = new();
    private readonly CountdownEvent started;
    private readonly Thread safetyThread;
    private readonly int maxWorkers;
    private readonly int maxIo;
    private int releasedBySafety;

    /// <summary>Blocks the pool now, and returns once its threads are all held.</summary>
    public StarvedThreadPool(TimeSpan safety)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var threads = Math.Max(ThreadPool.ThreadCount, minWorkers);
        started = new CountdownEvent(threads);
        var count = threads + 256;
        for (var i = 0; i < count; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    try
                    {
                        started.Signal();
                    }
                    catch (InvalidOperationException)
                    {
                        // More threads came than counted: they block all the same.
                    }

                    release.Wait();
                },
                null);
        }

        safetyThread = new Thread(() =>
        {
            if (!release.Wait(safety))
            {
                Interlocked.Exchange(ref releasedBySafety, 1);
                release.Set();
            }
        })
        { IsBackground = true, Name = "starved-pool-safety" };
        safetyThread.Start();
        started.Wait(safety);
        ThreadPool.GetMaxThreads(out maxWorkers, out maxIo);
        ThreadPool.SetMaxThreads(Math.Max(ThreadPool.ThreadCount, minWorkers), maxIo);
    }

    /// <summary>Whether the safety thread had to release the pool (the test's subject waited for it).</summary>
    public bool ReleasedBySafety => Volatile.Read(ref releasedBySafety) == 1;

    /// <summary>Releases the pool.</summary>
    public void Dispose()
    {
        release.Set();
        safetyThread.Join();
        ThreadPool.SetMaxThreads(maxWorkers, maxIo);
    }
}
