// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The IPv4 neighbour cache of the task's network namespace, from /proc/net/arp.</summary>
public sealed partial class ArpCacheTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/net/arp", out var bytes))
        {
            yield break;
        }

        foreach (var e in ProcNetArp.Parse(bytes))
        {
            var row = NewRow();
            row.Address = e.Address;
            row.Mac = e.Mac;
            row.Interface = e.Interface;
            row.Permanent = e.Permanent ? "1" : "0";
            yield return row;
        }
    }
}
