// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Memory;
using FarQuery.Scheduler.Logging;

namespace FarQuery.Remote.Tls;

/// <summary>osquery's TLS logger plugin as an <see cref="ILogSink"/> (docs/osquery-compat.md §2.4). <see cref="Write"/> only queues
/// (never blocks the scheduler); a background loop sends every <c>--logger_tls_period</c> one request per log type with at
/// most <c>--logger_tls_max_lines</c> lines, backs off <c>period·n²</c> (capped by <c>--logger_tls_backoff_max</c>) while
/// the backend fails, and removes lines only once the server accepted them, so nothing is lost within the bound. Each
/// queue holds at most <c>--buffered_log_max</c> lines, and all lines together at most the log share of the agent's
/// memory budget: past either the oldest are dropped and counted.</summary>
public sealed class TlsLogSink : ILogSink
{
    private readonly TlsRemoteClient client;
    private readonly Action<string> warn;
    private readonly MemoryAccount? account;
    private readonly Lock gate = new();
    private readonly Queue<Entry> results = new();
    private readonly Queue<Entry> statuses = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private long sequence;
    private long dropped;
    private long invalid;
    private long sent;
    private long failures;
    private int pendingFlushes;
    private int failuresInRow;

    /// <summary>Creates the sink; call <see cref="Start"/> to begin sending (lines written before are kept).</summary>
    public TlsLogSink(TlsRemoteClient client, Action<string> warn, MemoryAccount? account = null)
    {
        this.client = client;
        this.warn = warn;
        this.account = account;
    }

    /// <inheritdoc/>
    public string Name => "tls";

    /// <summary>Lines dropped: the oldest when the buffer was full, plus lines that were not JSON objects or too long.</summary>
    public long Dropped => Interlocked.Read(ref dropped) + Interlocked.Read(ref invalid);

    /// <summary>Lines the server accepted.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Failed send attempts.</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Lines waiting to be sent.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return results.Count + statuses.Count;
            }
        }
    }

    /// <inheritdoc/>
    public void Write(LogKind kind, string line)
    {
        if (kind == LogKind.Status && client.Options.DisableStatusLog)
        {
            return;
        }

        // osquery re-parses each line and drops invalid or oversized ones; checking here keeps one bad line from making
        // every batch it lands in unsendable.
        if (line.Length > client.Options.LoggerMaxLineSize || !IsJsonObject(line))
        {
            Interlocked.Increment(ref invalid);
            return;
        }

        var queue = kind == LogKind.Status ? statuses : results;
        var size = MemoryBudget.SizeOf(line);
        lock (gate)
        {
            while (account is not null && !account.TryCharge(size))
            {
                // Over the budget's log share: the oldest line of this type makes room, as when the count is reached; a
                // line larger than the whole share is the one lost.
                if (queue.Count == 0)
                {
                    Interlocked.Increment(ref dropped);
                    return;
                }

                DequeueLocked(queue);
                Interlocked.Increment(ref dropped);
            }

            queue.Enqueue(new Entry(++sequence, line, account is null ? 0 : size));
            while (queue.Count > client.Options.BufferedLogMax)
            {
                DequeueLocked(queue);
                Interlocked.Increment(ref dropped);
            }
        }
    }

    /// <summary>Starts the sending loop.</summary>
    public void Start() => loop ??= Task.Run(() => RunAsync(stop.Token));

    /// <summary>Sends what is buffered now and waits for it, up to <paramref name="timeout"/>. While the backend is failing
    /// it returns after one more attempt: at app exit the app's exit code must not wait for a backend that is down.</summary>
    public void Flush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        if (Volatile.Read(ref failuresInRow) > 0 || (client.NodeKey is null && client.EnrollFailures > 0))
        {
            // The backend is failing: one more attempt runs in the background, nobody waits for it.
            wake.Release();
            return;
        }

        Interlocked.Increment(ref pendingFlushes);
        try
        {
            wake.Release();
            while (Pending > 0 && DateTime.UtcNow < deadline && loop is { IsCompleted: false } && Volatile.Read(ref failuresInRow) == 0)
            {
                Thread.Sleep(20);
            }
        }
        finally
        {
            Interlocked.Decrement(ref pendingFlushes);
        }
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var period = client.Options.LoggerPeriod;
            var n = Volatile.Read(ref failuresInRow);
            var wait = n == 0
                ? period
                : TimeSpan.FromTicks(Math.Min(period.Ticks * n * n, client.Options.LoggerBackoffMax.Ticks));
            try
            {
                // A flush at exit skips the back-off: it is the last chance for those lines.
                await wake.WaitAsync(Volatile.Read(ref pendingFlushes) > 0 ? TimeSpan.Zero : wait, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await SendPendingAsync(cancellation).ConfigureAwait(false);
                Volatile.Write(ref failuresInRow, 0);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Down, slow, garbage or rejection: lines stay queued and the loop backs off; the app never notices.
                var inRow = Interlocked.Increment(ref failuresInRow);
                Interlocked.Increment(ref failures);
                if (inRow == 1 || inRow % 10 == 0)
                {
                    warn($"farquery: tls logger: {client.Redact(e.Message)} ({Pending} lines buffered, {Dropped} dropped)");
                }
            }
        }
    }

    /// <summary>Sends until both queues are empty (each round at most max_lines per log type).</summary>
    private async Task SendPendingAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var any = await SendOneAsync("result", results, cancellation).ConfigureAwait(false);
            any |= await SendOneAsync("status", statuses, cancellation).ConfigureAwait(false);
            if (!any)
            {
                return;
            }
        }
    }

    private async Task<bool> SendOneAsync(string logType, Queue<Entry> queue, CancellationToken cancellation)
    {
        List<string> batch;
        long last;
        lock (gate)
        {
            if (queue.Count == 0)
            {
                return false;
            }

            batch = [.. queue.Take(Math.Max(1, client.Options.LoggerMaxLines)).Select(e => e.Line)];
            last = queue.Take(batch.Count).Last().Sequence;
        }

        await client.SendLogsAsync(logType, batch, cancellation).ConfigureAwait(false);
        lock (gate)
        {
            // Lines dropped for overflow while the request was in flight are already gone; remove only what was sent.
            while (queue.Count > 0 && queue.Peek().Sequence <= last)
            {
                DequeueLocked(queue);
                Interlocked.Increment(ref sent);
            }
        }

        return true;
    }

    private static bool IsJsonObject(string line)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        stop.Cancel();
        try
        {
            loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing to report at shutdown.
        }

        stop.Dispose();
        wake.Dispose();
    }

    private void DequeueLocked(Queue<Entry> queue)
    {
        // Not "account?.Release(queue.Dequeue()...)": that would skip the dequeue itself when no account is set.
        var bytes = queue.Dequeue().Bytes;
        account?.Release(bytes);
    }

    private readonly record struct Entry(long Sequence, string Line, long Bytes);
}
