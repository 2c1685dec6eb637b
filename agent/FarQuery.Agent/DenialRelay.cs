// SPDX-License-Identifier: Apache-2.0
using System.Threading.Channels;

namespace FarQuery.Agent;

/// <summary>Carries the tracer's denials to the response engine: <see cref="Post"/> runs on the tracer thread at the
/// syscall stop and only queues (bounded; a full queue drops the report, never the refusal, and counts it); a reader
/// task hands them to the engine once it exists, so denials before the agent side started are reported too.</summary>
internal sealed class DenialRelay : IDisposable
{
    /// <summary>Reports waiting at most.</summary>
    public const int Capacity = 1024;

    private readonly Channel<Denial> queue = Channel.CreateBounded<Denial>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private Task? reader;
    private long dropped;

    /// <summary>Reports lost to a full queue.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues a report; never blocks.</summary>
    public void Post(Denial denial)
    {
        if (!queue.Writer.TryWrite(denial))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Starts handing the reports to <paramref name="handle"/> (once); a report it fails on is lost alone.</summary>
    public void Attach(Action<Denial> handle, Action<string> warn)
    {
        reader ??= Task.Run(async () =>
        {
            await foreach (var d in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    handle(d);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    warn("farquery: reporting a denial failed: " + e.Message);
                }
            }
        });
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the queued reports to be handed over.</summary>
    public void Flush(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (reader is not null && queue.Reader.Count > 0 && DateTime.UtcNow < until)
        {
            Thread.Sleep(5);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        reader?.Wait(TimeSpan.FromMilliseconds(200));
    }
}
