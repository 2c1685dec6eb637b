// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Reads the process_events buffer the ptrace tracer fills (see ProcessEventsSubscriber); a constraint on <c>time</c> is applied
/// to the buffer scan (docs/osquery-compat.md §5).</summary>
public sealed partial class ProcessEventsTable(TableContext context) : Table(context)
{
    /// <summary>The publisher feeding this table.</summary>
    public const string Publisher = "ptrace";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        // The time range is pushed down, and a scheduled query sees each event once (its bookmark).
        return Context.Events.Buffer(Spec, Publisher).Read(query);
    }
}
