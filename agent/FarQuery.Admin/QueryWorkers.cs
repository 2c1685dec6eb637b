// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>A few <see cref="SqlHost"/>s, each owned by one dedicated thread that takes jobs from a shared queue.
/// <see cref="SqlHost.Query"/> holds its connection for the whole statement, so one host per worker lets a slow query
/// occupy one worker while the others keep answering. The hosts share one <see cref="Core.TableContext"/>, so event
/// tables read the same buffers whichever worker runs the query. Dedicated threads, not the thread pool: a blocked
/// query must not starve the pool that the socket I/O of every client (and the rest of the agent) runs on.</summary>
internal sealed class QueryWorkers : IDisposable
{
    private readonly BlockingCollection<QueryJob> queue;
    private readonly SqlHost[] hosts;
    private readonly Thread[] threads;
    private readonly CancellationTokenSource stop = new();
    private int busy;

    /// <summary>Creates <paramref name="count"/> hosts with the factory and starts their threads.</summary>
    public QueryWorkers(Func<SqlHost> factory, int count, int queueCapacity)
    {
        hosts = new SqlHost[Math.Max(1, count)];
        try
        {
            for (var i = 0; i < hosts.Length; i++)
            {
                hosts[i] = factory();
                if (!ReferenceEquals(hosts[i].Context, hosts[0].Context))
                {
                    throw new ArgumentException("the host factory must build every SqlHost over the same TableContext, or event tables would see different buffers", nameof(factory));
                }
            }
        }
        catch
        {
            foreach (var h in hosts)
            {
                h?.Dispose();
            }

            throw;
        }

        queue = new BlockingCollection<QueryJob>(Math.Max(1, queueCapacity));
        threads = new Thread[hosts.Length];
        for (var i = 0; i < threads.Length; i++)
        {
            var host = hosts[i];
            threads[i] = new Thread(() => Work(host)) { IsBackground = true, Name = "farquery-admin-sql-" + i };
            threads[i].Start();
        }
    }

    /// <summary>The longest <see cref="Dispose"/> waits for the worker threads.</summary>
    public static TimeSpan JoinBound { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The first host, for the table list and the shared context.</summary>
    public SqlHost Primary => hosts[0];

    /// <summary>Number of workers.</summary>
    public int Count => hosts.Length;

    /// <summary>Workers running a query now.</summary>
    public int Busy => Volatile.Read(ref busy);

    /// <summary>Queues a job; false when the queue is full or closed.</summary>
    public bool TryPost(QueryJob job)
    {
        try
        {
            return queue.TryAdd(job);
        }
        catch (InvalidOperationException)
        {
            // CompleteAdding was called: shutting down.
            return false;
        }
    }

    /// <summary>Stops taking jobs and interrupts the running queries (they fail as cancelled); returns at once.</summary>
    public void Stop()
    {
        try
        {
            queue.CompleteAdding();
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        foreach (var h in hosts)
        {
            h.Interrupt();
        }
    }

    /// <summary>Stops taking jobs, interrupts running queries, waits for the threads (at most <see cref="JoinBound"/>
    /// in all) and closes the hosts.</summary>
    public void Dispose()
    {
        Stop();
        var clock = Stopwatch.StartNew();
        foreach (var t in threads)
        {
            // A query that had not reached SQLite when the first interrupt landed is interrupted again; the bound keeps a
            // table stuck in a read from hanging shutdown (the threads are background threads).
            while (!t.Join(TimeSpan.FromMilliseconds(20)) && clock.Elapsed < JoinBound)
            {
                foreach (var h in hosts)
                {
                    h.Interrupt();
                }
            }
        }

        foreach (var job in queue)
        {
            job.Fail(new OperationCanceledException("the admin server is shutting down"));
        }

        foreach (var h in hosts)
        {
            h.Dispose();
        }

        queue.Dispose();
        stop.Dispose();
    }

    private void Work(SqlHost host)
    {
        try
        {
            foreach (var job in queue.GetConsumingEnumerable(stop.Token))
            {
                Interlocked.Increment(ref busy);
                try
                {
                    job.Run(host, stop.Token);
                }
                finally
                {
                    Interlocked.Decrement(ref busy);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }
}

/// <summary>One query handed to a worker. The time limit counts from <see cref="Received"/>, so time spent waiting for
/// a free worker is part of it and every client hears back within its limit.</summary>
/// <param name="Sql">The statement.</param>
/// <param name="Timeout">Time limit from receipt.</param>
/// <param name="MaxRows">Row limit.</param>
/// <param name="Received">Stopwatch timestamp of receipt.</param>
/// <param name="Cancellation">Fires when the client goes away.</param>
internal sealed record QueryJob(string Sql, TimeSpan Timeout, int MaxRows, long Received, CancellationToken Cancellation)
{
    private readonly TaskCompletionSource<QueryResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int state;

    /// <summary>Completes with the result, or faults with <see cref="SqlQueryException"/>, <see cref="QueueTimeoutException"/>
    /// or <see cref="OperationCanceledException"/>.</summary>
    public Task<QueryResult> Completion => completion.Task;

    /// <summary>Runs on a worker thread; never throws (a worker must outlive any one query).</summary>
    public void Run(SqlHost host, CancellationToken stopping)
    {
        if (Interlocked.CompareExchange(ref state, Started, Waiting) != Waiting)
        {
            // The client gave up waiting for a worker and has been answered already.
            return;
        }

        if (Cancellation.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            completion.TrySetCanceled();
            return;
        }

        var remaining = Timeout - Stopwatch.GetElapsedTime(Received);
        if (remaining <= TimeSpan.Zero)
        {
            completion.TrySetException(new QueueTimeoutException(Timeout));
            return;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(Cancellation, stopping);
            completion.TrySetResult(host.Query(Sql, remaining, MaxRows, linked.Token));
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
        }
    }

    /// <summary>Ends the job without running it.</summary>
    public void Fail(Exception e) => completion.TrySetException(e);

    /// <summary>Withdraws a job no worker has started; false when one already runs it.</summary>
    public bool TryWithdraw(Exception reason)
    {
        if (Interlocked.CompareExchange(ref state, Withdrawn, Waiting) != Waiting)
        {
            return false;
        }

        completion.TrySetException(reason);
        return true;
    }

    private const int Waiting = 0;
    private const int Started = 1;
    private const int Withdrawn = 2;
}

/// <summary>Every worker stayed busy for the job's whole time limit.</summary>
internal sealed class QueueTimeoutException(TimeSpan timeout)
    : Exception($"no query worker became free within the time limit of {timeout.TotalSeconds:0.###} s (all busy with other clients' queries)");
