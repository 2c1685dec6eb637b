// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One route of the kernel's main table as /proc/net/route (IPv4: little-endian hex words, a header line) and
/// /proc/net/ipv6_route (no header: dest, dest prefix, src, src prefix, next hop, metric, refcnt, use, flags, iface)
/// print them.</summary>
/// <param name="Destination">Destination network address.</param>
/// <param name="PrefixLength">Netmask as a prefix length.</param>
/// <param name="Gateway">Next hop, empty when on-link (0.0.0.0 / ::).</param>
/// <param name="Source">Source prefix (IPv6 policy routes), empty otherwise.</param>
/// <param name="Flags">RTF_* flags.</param>
/// <param name="Interface">Output interface.</param>
/// <param name="Mtu">MTU (IPv4 only; 0 = interface default).</param>
/// <param name="Metric">Route metric.</param>
/// <param name="Type">'local' for RTF_LOCAL routes, else 'gateway' (a unicast route, as osquery names it).</param>
internal sealed record ProcNetRoute(string Destination, int PrefixLength, string Gateway, string Source, long Flags, string Interface, long Mtu, long Metric, string Type)
{
    private const long RtfLocal = 0x80000000;

    /// <summary>Routes of /proc/net/route; the header and malformed lines are skipped.</summary>
    public static List<ProcNetRoute> ParseIPv4(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcNetRoute>();
        Span<Range> f = stackalloc Range[12];
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (ByteFields.Split(line, f, " \t"u8, removeEmpty: true) < 11
                || !Hex(line[f[1]], out var dest) || !Hex(line[f[2]], out var gw) || !Hex(line[f[3]], out var flags)
                || !Dec(line[f[6]], out var metric) || !Hex(line[f[7]], out var mask) || !Dec(line[f[8]], out var mtu))
            {
                continue;
            }

            list.Add(new ProcNetRoute(V4(dest), BitOperations(mask), gw == 0 ? "" : V4(gw), "", flags, Encoding.UTF8.GetString(line[f[0]]), mtu, metric, "gateway"));
        }

        return list;
    }

    /// <summary>Routes of /proc/net/ipv6_route; malformed lines are skipped.</summary>
    public static List<ProcNetRoute> ParseIPv6(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcNetRoute>();
        Span<Range> f = stackalloc Range[11];
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (ByteFields.Split(line, f, " \t"u8, removeEmpty: true) < 10
                || !V6(line[f[0]], out var dest) || !Hex(line[f[1]], out var destLen) || !V6(line[f[2]], out var src) || !Hex(line[f[3]], out var srcLen)
                || !V6(line[f[4]], out var gw) || !Hex(line[f[5]], out var metric) || !Hex(line[f[8]], out var flags))
            {
                continue;
            }

            list.Add(new ProcNetRoute(
                dest.ToString(), (int)destLen, gw.Equals(IPAddress.IPv6Any) ? "" : gw.ToString(), srcLen == 0 ? "" : src + "/" + srcLen, flags,
                Encoding.UTF8.GetString(line[f[9]]), 0, metric, (flags & RtfLocal) != 0 ? "local" : "gateway"));
        }

        return list;
    }

    private static int BitOperations(long mask) => System.Numerics.BitOperations.PopCount((ulong)mask);

    private static string V4(long littleEndian) => new IPAddress(littleEndian & 0xffffffff).ToString();

    private static bool V6(ReadOnlySpan<byte> hex, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (hex.Length != 32)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 16; i++)
        {
            if (!byte.TryParse(hex.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool Hex(ReadOnlySpan<byte> s, out long value) => long.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && s.Length <= 8;

    private static bool Dec(ReadOnlySpan<byte> s, out long value) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
