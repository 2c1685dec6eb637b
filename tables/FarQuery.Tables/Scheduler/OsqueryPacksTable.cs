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
            row[C.Name] = p.Name;
            row[C.Platform] = p.Platform;
            row[C.Version] = p.Version;
            row[C.Shard] = p.Shard;
            row[C.DiscoveryCacheHits] = p.DiscoveryCacheHits;
            row[C.DiscoveryExecutions] = p.DiscoveryExecutions;
            row[C.Active] = p.Active;
            yield return row;
        }
    }
}
