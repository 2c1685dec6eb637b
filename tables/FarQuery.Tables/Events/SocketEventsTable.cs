// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Reads the socket_events buffer the ptrace tracer fills (see SocketEventsSubscriber); a constraint on
/// <c>time</c> is applied to the buffer scan (docs/osquery-compat.md §5).</summary>
public sealed partial class SocketEventsTable(TableContext context) : EventTableBase(context, Publisher)
{
    /// <summary>The publisher feeding this table.</summary>
    public const string Publisher = "ptrace";

    /// <summary>The generated row, with the parent columns the ptrace tables share.</summary>
    public readonly partial struct Row : IAncestryColumns;
}
