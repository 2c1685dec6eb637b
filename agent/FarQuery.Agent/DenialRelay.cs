// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Agent;

/// <summary>Carries the tracer's denials to the response engine: <see cref="Post"/> runs on the tracer thread at the
/// syscall stop and only queues (bounded; a full queue drops the report, never the refusal, and counts it); the queue's
/// own thread hands them to the engine once it exists, so denials before the agent side started are reported too.</summary>
internal sealed class DenialRelay : IDisposable
{
    /// <summary>Reports waiting at most.</summary>
    public const int Capacity = 1024;

    private readonly WorkQueue<Denial> queue;
    private Action<Denial>? handler;
    private Action<string>? warning;

    /// <summary>Creates the relay; reports queue until <see cref="Attach"/>.</summary>
    public DenialRelay() => queue = new WorkQueue<Denial>("farquery-denials", Capacity, Hand, start: false);

    /// <summary>Reports lost to a full queue, or lost by the handler.</summary>
    public long Dropped => queue.Dropped;

    /// <summary>Queues a report; never blocks.</summary>
    public void Post(Denial denial) => queue.Add(denial);

    /// <summary>Starts handing the reports to <paramref name="handle"/> (once); a report it fails on is lost alone.</summary>
    public void Attach(Action<Denial> handle, Action<string> warn)
    {
        if (Interlocked.CompareExchange(ref handler, handle, null) is null)
        {
            Volatile.Write(ref warning, warn);
            queue.Start();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the queued reports to be handed over.</summary>
    public void Flush(TimeSpan timeout) => queue.Flush(timeout);

    /// <inheritdoc/>
    public void Dispose() => queue.Complete(TimeSpan.Zero, TimeSpan.FromMilliseconds(200));

    private bool Hand(Denial denial)
    {
        try
        {
            Volatile.Read(ref handler)!(denial);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Volatile.Read(ref warning)?.Invoke("farquery: reporting a denial failed: " + e.Message);
            return false;
        }
    }
}
