// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The scheduler's per-query counters; empty when no scheduler runs (a one-shot <c>farquery query</c>).</summary>
[RowSource(typeof(ScheduledQueryStats))]
public sealed partial class OsqueryScheduleTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var q in Context.Services.Get<ScheduleState>()?.Queries ?? [])
        {
            var row = RowFrom(q);
            row.Blacklisted = row.Denylisted;
            row.WallTime = q.WallTimeMs / 1000;
            yield return row;
        }
    }
}
