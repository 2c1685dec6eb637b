// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>A subscriber that must see a process event while the process is still stopped at it, before any of its
/// later actions: the sensitive-read publisher attributes the opens queued before an exec to the process as it was, and
/// only then makes the new image a candidate reader (docs/tracer.md §5.2). Called on the tracer thread during the stop,
/// so it must be short; the same event still reaches every subscriber after the resume.</summary>
internal interface IStopObserver
{
    /// <summary>A fork, vfork, clone or exec event, with its lineage, during the stop that reported it; an exit event as
    /// soon as the wait reported it.</summary>
    void AtStop(ProcessEvent e);
}
