// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Raised when any event buffer gets a row, so the scheduler runs the detections over event tables at once
/// instead of at its next one-second tick (docs/events.md, "Event-driven detection"). Raising is a volatile read when
/// the signal is already up, which it is for every event after the first of a burst: the tracer thread that raises it
/// must not pay for a wake-up per event.</summary>
public sealed class EventSignal : IDisposable
{
    private readonly ManualResetEventSlim raised = new(false, spinCount: 0);

    /// <summary>What a waiter waits on (set while events are unread).</summary>
    public WaitHandle WaitHandle => raised.WaitHandle;

    /// <summary>Whether events came since the last <see cref="Reset"/>.</summary>
    public bool IsRaised => raised.IsSet;

    /// <summary>Says new events are there.</summary>
    public void Raise()
    {
        if (!raised.IsSet)
        {
            raised.Set();
        }
    }

    /// <summary>Lowers the signal before the waiter reads the buffers: an event added after this raises it again.</summary>
    public void Reset() => raised.Reset();

    /// <inheritdoc/>
    public void Dispose() => raised.Dispose();
}
