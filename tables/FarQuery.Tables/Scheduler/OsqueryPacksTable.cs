// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>The loaded packs and whether they are active; empty when no scheduler runs.</summary>
public sealed partial class OsqueryPacksTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var p in Context.Services.Get<ScheduleState>()?.Packs ?? [])
        {
            var row = NewRow();
            row.Name = p.Name;
            row.Platform = p.Platform;
            row.Version = p.Version;
            row.Shard = p.Shard;
            row.DiscoveryCacheHits = p.DiscoveryCacheHits;
            row.DiscoveryExecutions = p.DiscoveryExecutions;
            row.Active = p.Active ? 1 : 0;
            yield return row;
        }
    }
}
