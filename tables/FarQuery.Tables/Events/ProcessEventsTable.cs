// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Reads the process_events buffer the ptrace tracer fills (see TracerSink); a constraint on <c>time</c> is applied
/// to the buffer scan and disables a scheduled query's bookmark (osquery.md §5).</summary>
public sealed partial class ProcessEventsTable(TableContext context) : Table(context)
{
    /// <summary>The publisher feeding this table.</summary>
    public const string Publisher = "ptrace";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        // Read applies the time range and, for a scheduled query, its bookmark, so each detection sees each event once.
        return Context.Events.Buffer(Spec, Publisher).Read(query);
    }
}
