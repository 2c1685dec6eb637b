// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Reads the seccomp_events buffer that SeccompEventsSubscriber fills from the tracer's exit events; a
/// constraint on <c>time</c> is applied to the buffer scan (docs/events.md, "Seccomp kills").</summary>
public sealed partial class SeccompEventsTable(TableContext context) : EventTableBase(context, ProcessEventsTable.Publisher)
{
    /// <summary>The generated row, with the process columns it shares with the other tracer-fed event table.</summary>
    public readonly partial struct Row : IProcessMomentColumns;
}
