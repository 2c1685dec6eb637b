// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;

namespace FarQuery.Sql.Functions;

/// <summary>osquery's network functions: <c>inet_aton</c>, <c>in_cidr_block</c>, <c>community_id_v1</c> and
/// <c>community_id_v1_strict</c> (docs/osquery-compat.md, "SQL functions").</summary>
internal static class NetworkFunctions
{
    /// <summary><c>inet_aton(address)</c>: a dotted IPv4 address as an integer; NULL for anything else (IPv6, short
    /// forms, leading zeros) or NULL.</summary>
    public static long? InetAton(string? address) =>
        address is not null && !address.Contains(':', StringComparison.Ordinal) && TryParseIPv4(address, out var v) ? v : null;

    /// <summary><c>in_cidr_block(cidr, address)</c>: 1 when the address is one of the block's hosts, else 0. As osquery
    /// (which asks Boost.Asio for the block's hosts), an IPv4 block's network and broadcast addresses are not hosts
    /// unless the block is a single address (/32), and a /31 has none; an IPv6 block holds every address. Both
    /// arguments must be text: anything else, an unparsable address or block, is an error.</summary>
    public static long InCidrBlock(object? cidr, object? address)
    {
        if (cidr is not string block)
        {
            throw new SqlQueryException("CIDR must be a string");
        }

        if (address is not string text)
        {
            throw new SqlQueryException("IP address must be a string");
        }

        if (!TryParseAddress(text, out var ip))
        {
            throw new SqlQueryException("IP address cannot be parsed");
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            if (!TryParseNetwork(block, 32, out var net, out var prefix) || net.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new SqlQueryException("CIDR for IP address v4 cannot be parsed");
            }

            var a = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
            var n = BinaryPrimitives.ReadUInt32BigEndian(net.GetAddressBytes());
            if (prefix == 32)
            {
                return a == n ? 1 : 0;
            }

            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            var first = (n & mask) + 1;
            var broadcast = (n & mask) | ~mask;
            return a >= first && a < broadcast ? 1 : 0;
        }

        if (!TryParseNetwork(block, 128, out var net6, out var prefix6) || net6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new SqlQueryException("CIDR for IP address v6 cannot be parsed");
        }

        var x = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(net6.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var shift = 128 - prefix6;
        return x >> shift == y >> shift ? 1 : 0;
    }

    /// <summary><c>community_id_v1(saddr, daddr, sport, dport, proto[, seed])</c> and its strict twin: the Community ID
    /// v1 of a flow (https://github.com/corelight/community-id-spec), <c>1:</c> and the base64 SHA-1 of seed, the
    /// ordered addresses, protocol, a zero byte and the ordered ports. Addresses must be text, ports, protocol and
    /// seed integers of their sizes; otherwise <paramref name="strict"/> makes it an error and the lenient form gives
    /// NULL.</summary>
    public static string? CommunityIdV1(object?[] args, bool strict)
    {
        if (args.Length is not (5 or 6))
        {
            return Fail(strict, "wrong number of arguments to function community_id_v1()");
        }

        long seed = 0;
        if (args.Length == 6)
        {
            if (args[5] is not long s)
            {
                return Fail(strict, "Community ID seed must be an integer");
            }

            if (s is < short.MinValue or > short.MaxValue)
            {
                return Fail(strict, "Community ID seed must fit in 2 bytes");
            }

            seed = s;
        }

        if (args[0] is not string saddrText || args[1] is not string daddrText)
        {
            return Fail(strict, "Community ID IPs must be strings");
        }

        if (!TryParseAddress(saddrText, out var saddr))
        {
            return Fail(strict, "Community ID saddr cannot be parsed as IP");
        }

        if (!TryParseAddress(daddrText, out var daddr))
        {
            return Fail(strict, "Community ID daddr cannot be parsed as IP");
        }

        if (args[2] is not long sport || args[3] is not long dport)
        {
            return Fail(strict, "Community ID ports must be integers");
        }

        if (sport is < 0 or > ushort.MaxValue || dport is < 0 or > ushort.MaxValue)
        {
            return Fail(strict, "Community ID ports must fit in 2 bytes");
        }

        if (args[4] is not long proto)
        {
            return Fail(strict, "Community ID protocol must be an integer");
        }

        if (proto is < 0 or > byte.MaxValue)
        {
            return Fail(strict, "Community ID protocol must fit in 1 byte");
        }

        // The smaller endpoint goes first: IPv4 before IPv6, then by address bytes, then by port.
        var order = CompareAddresses(saddr, daddr);
        if (!(order < 0 || (order == 0 && sport < dport)))
        {
            (saddr, daddr) = (daddr, saddr);
            (sport, dport) = (dport, sport);
        }

        var s1 = saddr.GetAddressBytes();
        var d1 = daddr.GetAddressBytes();
        var buffer = new byte[2 + s1.Length + d1.Length + 2 + 4];
        var at = 0;
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(at), (short)seed);
        at += 2;
        s1.CopyTo(buffer, at);
        at += s1.Length;
        d1.CopyTo(buffer, at);
        at += d1.Length;
        buffer[at++] = (byte)proto;
        buffer[at++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at + 2), (ushort)dport);
        return "1:" + Convert.ToBase64String(SHA1.HashData(buffer));
    }

    /// <summary>An IPv4 address as <c>inet_pton</c> takes it: four decimal parts of 0 to 255, no leading zeros.</summary>
    public static bool TryParseIPv4(string text, out long value)
    {
        value = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0'))
            {
                return false;
            }

            var octet = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
        }

        return true;
    }

    /// <summary>An IPv4 address (strict dotted form) or an IPv6 address (with an optional <c>%scope</c>).</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.IndexOfAny(['[', ']', '/', ' ']) >= 0 || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        if (!TryParseIPv4(text, out var v4))
        {
            return false;
        }

        address = new IPAddress(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness((uint)v4)));
        return true;
    }

    // "address/prefix" with a decimal prefix no longer than the family allows; host bits may be set.
    private static bool TryParseNetwork(string text, int maxPrefix, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || slash == text.Length - 1)
        {
            return false;
        }

        var digits = text[(slash + 1)..];
        if (!digits.All(char.IsAsciiDigit) || digits.Length > 3 || !TryParseAddress(text[..slash], out network))
        {
            return false;
        }

        prefix = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return prefix <= maxPrefix;
    }

    private static int CompareAddresses(IPAddress a, IPAddress b)
    {
        if (a.AddressFamily != b.AddressFamily)
        {
            return a.AddressFamily == AddressFamily.InterNetwork ? -1 : 1;
        }

        var c = a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());
        return c != 0 || a.AddressFamily != AddressFamily.InterNetworkV6 ? c : a.ScopeId.CompareTo(b.ScopeId);
    }

    private static string? Fail(bool strict, string message) => strict ? throw new SqlQueryException(message) : null;
}
