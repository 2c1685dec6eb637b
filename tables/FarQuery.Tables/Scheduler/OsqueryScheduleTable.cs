// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>The scheduler's per-query counters; empty when no scheduler runs (a one-shot <c>farquery query</c>).</summary>
public sealed partial class OsqueryScheduleTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var q in Context.Services.Get<ScheduleState>()?.Queries ?? [])
        {
            var row = NewRow();
            row[C.Name] = q.Name;
            row[C.Query] = q.Query;
            row[C.Interval] = q.Interval;
            row[C.Executions] = q.Executions;
            row[C.LastExecuted] = q.LastExecuted;
            row[C.Denylisted] = q.Denylisted;
            row[C.Blacklisted] = q.Denylisted;
            row[C.OutputSize] = q.OutputSize;
            row[C.WallTime] = q.WallTimeMs / 1000;
            row[C.WallTimeMs] = q.WallTimeMs;
            row[C.LastWallTimeMs] = q.LastWallTimeMs;
            row[C.UserTime] = q.UserTime;
            row[C.LastUserTime] = q.LastUserTime;
            row[C.SystemTime] = q.SystemTime;
            row[C.LastSystemTime] = q.LastSystemTime;
            row[C.AverageMemory] = q.AverageMemory;
            row[C.LastMemory] = q.LastMemory;
            row[C.Pack] = q.Pack;
            row[C.LastRows] = q.LastRows;
            row[C.LastError] = q.LastError;
            yield return row;
        }
    }
}
