// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>The resolver configuration of /etc/resolv.conf (man 5 resolv.conf): one row per nameserver, search
/// domain, sortlist pair and option, numbered in file order within each type.</summary>
public sealed partial class DnsResolversTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/resolv.conf", out var bytes))
        {
            yield break;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (fields, _) in ConfigLines.Parse(bytes))
        {
            var type = fields[0] switch
            {
                "nameserver" => "nameserver",
                "search" or "domain" => "search",
                "sortlist" => "sortlist",
                "options" => "options",
                _ => null,
            };
            if (type is null || fields.Length < 2)
            {
                continue;
            }

            foreach (var value in fields[1..])
            {
                var id = ids.GetValueOrDefault(type);
                ids[type] = id + 1;
                var row = NewRow();
                row.Id = id;
                row.Type = type;
                var slash = type == "sortlist" ? value.IndexOf('/') : -1;
                row.Address = slash >= 0 ? value[..slash] : value;
                row.Netmask = slash >= 0 ? value[(slash + 1)..] : "";
                yield return row;
            }
        }
    }
}
