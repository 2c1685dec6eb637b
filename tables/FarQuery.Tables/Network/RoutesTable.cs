// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The routing table of the container's network namespace, from /proc/net/route and /proc/net/ipv6_route.</summary>
[RowSource(typeof(ProcNetRoute))]
public sealed partial class RoutesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var routes = new List<ProcNetRoute>();
        if (Context.Fs.TryReadAllBytes("/proc/net/route", out var v4))
        {
            routes.AddRange(ProcNetRoute.ParseIPv4(v4));
        }

        if (Context.Fs.TryReadAllBytes("/proc/net/ipv6_route", out var v6))
        {
            routes.AddRange(ProcNetRoute.ParseIPv6(v6));
        }

        foreach (var r in routes)
        {
            var row = RowFrom(r);
            row.Netmask = r.PrefixLength;
            yield return row;
        }
    }
}
