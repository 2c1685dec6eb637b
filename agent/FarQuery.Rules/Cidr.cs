// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Sockets;

namespace FarQuery.Rules;

/// <summary>Falco's network fields (<c>fd.net</c>, <c>fd.snet</c>, ...) as SQL over the dotted address text FarQuery
/// records. An IPv4 prefix is matched on whole octets as text and on the partial octet as a number range, since SQLite
/// has no address type; IPv6 networks are compiled only as single addresses (/128).</summary>
public static class Cidr
{
    /// <summary>SQL that is true when address text <paramref name="x"/> lies in <paramref name="network"/>, or null with
    /// the reason.</summary>
    public static string? Sql(string x, string network, out string reason)
    {
        reason = "";
        var slash = network.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? network : network[..slash];
        if (!IPAddress.TryParse(address, out var ip))
        {
            reason = $"'{network}' is not a network";
            return null;
        }

        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = max;
        if (slash >= 0 && (!int.TryParse(network[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > max))
        {
            reason = $"'{network}' has no valid prefix length";
            return null;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (bits != 128)
            {
                reason = $"IPv6 network {network}: only single IPv6 addresses are compiled, not prefixes";
                return null;
            }

            return $"{x} = '{ip}'";
        }

        var octets = ip.GetAddressBytes();
        var full = bits / 8;
        var rest = bits % 8;
        var isV4 = $"(instr({x}, '.') > 0 AND instr({x}, ':') = 0)";
        if (full == 4)
        {
            return $"{x} = '{ip}'";
        }

        var prefix = string.Concat(octets.Take(full).Select(o => o.ToString(CultureInfo.InvariantCulture) + "."));
        var test = prefix.Length == 0 ? isV4 : $"substr({x}, 1, {prefix.Length}) = '{prefix}'";
        if (rest > 0)
        {
            var low = octets[full] & (0xff << (8 - rest)) & 0xff;
            var high = low + (1 << (8 - rest)) - 1;
            // CAST reads the leading digits of "16.1.2" as 16: the octet after the matched prefix.
            test += string.Create(CultureInfo.InvariantCulture, $" AND CAST(substr({x}, {prefix.Length + 1}) AS INTEGER) BETWEEN {low} AND {high}");
            test = prefix.Length == 0 ? test : isV4 + " AND " + test;
        }

        return "(" + test + ")";
    }
}
