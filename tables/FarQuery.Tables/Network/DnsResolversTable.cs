// SPDX-License-Identifier: Apache-2.0

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

        var options = OptionBits(ConfigLines.Parse(bytes).Where(l => l.Fields is ["options", ..]).SelectMany(l => l.Fields[1..]));
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
                row.Options = options;
                yield return row;
            }
        }
    }

    // resolv.h's option bits: RES_INIT once the configuration is read, RES_DEFAULT (RES_RECURSE | RES_DEFNAMES |
    // RES_DNSRCH) unless changed, and one bit per flag option of man 5 resolv.conf.
    private const long ResInit = 0x1;
    private const long ResDefault = 0x40 | 0x80 | 0x200;

    private static readonly Dictionary<string, long> Flags = new(StringComparer.Ordinal)
    {
        ["debug"] = 0x2,
        ["use-vc"] = 0x8,
        ["rotate"] = 0x4000,
        ["edns0"] = 0x100000,
        ["single-request"] = 0x200000,
        ["single-request-reopen"] = 0x400000,
        ["no-tld-query"] = 0x1000000,
        ["no-reload"] = 0x2000000,
        ["trust-ad"] = 0x4000000,
        ["no-aaaa"] = 0x8000000,
    };

    /// <summary>The C library resolver's options word for the given <c>options</c> values, as osquery reports it from
    /// the resolver state; valued options (ndots:, timeout:, attempts:) set no bit.</summary>
    internal static long OptionBits(IEnumerable<string> values) =>
        values.Aggregate(ResInit | ResDefault, (bits, v) => bits | Flags.GetValueOrDefault(v));
}
