// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response;

/// <summary>An alert destination with its own bounded buffer and sender: <see cref="Offer"/> never blocks (the
/// scheduler's thread calls it), the oldest alert is dropped and counted when the buffer is full, and the sender keeps
/// the alert at the head of the buffer and retries it with a capped back-off while the destination is away, so nothing
/// is lost within the bound. An alert the destination refuses outright (<see cref="AlertRejectedException"/>) is dropped
/// and counted as failed.</summary>
public abstract class AlertOutput : IDisposable
{
    private readonly Queue<Alert> queue = new();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim ready = new(0);
    private readonly CancellationTokenSource stop = new();
    private readonly Action<string> warn;
    private Task? sender;
    private long sent;
    private long dropped;
    private long failed;
    private int inFlight;
    private bool closed;
    private string lastError = "";

    /// <summary>Creates the output.</summary>
    /// <param name="name">Its name in the config (or the flag's).</param>
    /// <param name="filter">Which alerts it takes.</param>
    /// <param name="capacity">Alerts buffered at most.</param>
    /// <param name="warn">Where problems are reported (once per outage, not per retry).</param>
    protected AlertOutput(string name, AlertFilter filter, int capacity, Action<string> warn)
    {
        Name = name;
        Filter = filter;
        Capacity = Math.Max(1, capacity);
        this.warn = warn;
    }

    /// <summary>The output's name.</summary>
    public string Name { get; }

    /// <summary>Which alerts it takes.</summary>
    public AlertFilter Filter { get; }

    /// <summary>Alerts buffered at most.</summary>
    public int Capacity { get; }

    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts delivered.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Alerts dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Alerts the destination refused outright.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Alerts waiting.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return queue.Count + inFlight;
            }
        }
    }

    /// <summary>Whether the last attempt reached the destination.</summary>
    public bool Connected { get; private set; }

    /// <summary>The last delivery error, or empty.</summary>
    public string LastError => Volatile.Read(ref lastError);

    /// <summary>Starts the sender.</summary>
    public void Start() => sender ??= Task.Run(() => RunAsync(stop.Token));

    /// <summary>Queues an alert when the filter takes it; never blocks. Returns whether it was taken.</summary>
    public bool Offer(Alert alert)
    {
        if (!Filter.Matches(alert))
        {
            return false;
        }

        lock (gate)
        {
            // Closed (a reload replaced this output while the scheduler still held it): counted, never lost silently.
            if (closed)
            {
                Interlocked.Increment(ref dropped);
                return false;
            }

            if (queue.Count >= Capacity)
            {
                queue.Dequeue();
                Interlocked.Increment(ref dropped);
            }

            queue.Enqueue(alert);
        }

        ready.Release();
        return true;
    }

    /// <summary>Closes the output for a reload that removed or replaced it: what is buffered gets up to
    /// <paramref name="grace"/> to be delivered, then the sender stops and every alert still waiting (the one in flight
    /// included) is counted as dropped. Returns how many were dropped here.</summary>
    public long Close(TimeSpan grace)
    {
        Flush(grace);
        var before = Dropped;
        Dispose();
        return Dropped - before;
    }

    /// <summary>Waits until the buffer is empty or <paramref name="timeout"/> passes.</summary>
    public void Flush(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Pending > 0 && DateTime.UtcNow < until)
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>Delivers one alert; throws on failure (<see cref="AlertRejectedException"/>: do not retry).</summary>
    protected abstract Task SendAsync(Alert alert, CancellationToken cancellation);

    private async Task RunAsync(CancellationToken cancellation)
    {
        var wait = Backoff;
        var reported = false;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await ready.WaitAsync(cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Alert alert;
            lock (gate)
            {
                if (!queue.TryDequeue(out alert!))
                {
                    continue;
                }

                inFlight = 1;
            }

            try
            {
                await SendAsync(alert, cancellation).ConfigureAwait(false);
                Interlocked.Increment(ref sent);
                Done();
                Connected = true;
                wait = Backoff;
                if (reported)
                {
                    warn($"farquery: response output {Name} delivers again");
                    reported = false;
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Closed mid-send: the destination never confirmed it, so it counts as dropped.
                Interlocked.Increment(ref dropped);
                return;
            }
            catch (AlertRejectedException e)
            {
                Interlocked.Increment(ref failed);
                Done();
                Volatile.Write(ref lastError, e.Message);
                warn($"farquery: response output {Name} refused an alert ({e.Message}); it is dropped and counted");
            }
            catch (Exception e)
            {
                Connected = false;
                Volatile.Write(ref lastError, e.Message);
                if (!reported)
                {
                    warn($"farquery: response output {Name} is unreachable ({e.Message}); alerts are kept (up to {Capacity}) and retried");
                    reported = true;
                }

                // Back to the head of the buffer, unless the buffer filled meanwhile (then it is the one dropped).
                lock (gate)
                {
                    if (queue.Count >= Capacity)
                    {
                        Interlocked.Increment(ref dropped);
                    }
                    else
                    {
                        var rest = queue.ToArray();
                        queue.Clear();
                        queue.Enqueue(alert);
                        foreach (var a in rest)
                        {
                            queue.Enqueue(a);
                        }
                    }

                    inFlight = 0;
                }

                ready.Release();
                try
                {
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxBackoff.Ticks));
            }
            finally
            {
                Done();
            }
        }

        void Done()
        {
            lock (gate)
            {
                inFlight = 0;
            }
        }
    }

    /// <summary>Releases what the destination holds (connections, clients).</summary>
    protected virtual void DisposeCore()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
        }

        stop.Cancel();
        try
        {
            sender?.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The sender ends on cancellation; a failure there is already counted.
        }

        // What never left the buffer is counted, so a closed output loses nothing silently. The semaphore is not
        // disposed: an Offer racing the close may still release it (it holds no kernel handle).
        lock (gate)
        {
            Interlocked.Add(ref dropped, queue.Count);
            queue.Clear();
        }

        DisposeCore();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The destination refused this alert for good (for instance HTTP 400): retrying would not help.</summary>
public sealed class AlertRejectedException(string message) : Exception(message);
