// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Reads the user_events buffer that UserEventsSubscriber fills from the tracer's exec and setuid-family
/// events; a constraint on <c>time</c> is applied to the buffer scan (docs/events.md, "User changes").</summary>
public sealed partial class UserEventsTable(TableContext context) : EventTableBase(context, ProcessEventsTable.Publisher)
{
    /// <summary>The generated row, with the process columns it shares with the other tracer-fed event table.</summary>
    public readonly partial struct Row : IProcessMomentColumns;
}
