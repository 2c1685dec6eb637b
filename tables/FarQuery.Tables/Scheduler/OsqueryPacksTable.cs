// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The loaded packs and whether they are active; empty when no scheduler runs.</summary>
[RowSource(typeof(PackStats))]
public sealed partial class OsqueryPacksTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var p in Context.Services.Get<ScheduleState>()?.Packs ?? [])
        {
            var row = RowFrom(p);
            yield return row;
        }
    }
}
