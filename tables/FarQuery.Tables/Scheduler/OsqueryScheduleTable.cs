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
            row.Name = q.Name;
            row.Query = q.Query;
            row.Interval = q.Interval;
            row.Executions = q.Executions;
            row.LastExecuted = q.LastExecuted;
            row.Denylisted = q.Denylisted ? 1 : 0;
            row.Blacklisted = row.Denylisted;
            row.OutputSize = q.OutputSize;
            row.WallTime = q.WallTimeMs / 1000;
            row.WallTimeMs = q.WallTimeMs;
            row.LastWallTimeMs = q.LastWallTimeMs;
            row.UserTime = q.UserTime;
            row.LastUserTime = q.LastUserTime;
            row.SystemTime = q.SystemTime;
            row.LastSystemTime = q.LastSystemTime;
            row.AverageMemory = q.AverageMemory;
            row.LastMemory = q.LastMemory;
            row.Pack = q.Pack;
            row.LastRows = q.LastRows;
            row.LastError = q.LastError;
            yield return row;
        }
    }
}
