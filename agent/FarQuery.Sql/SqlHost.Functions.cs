// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FarQuery.Sql;

/// <summary>osquery's extra SQL functions that fleet managers' queries use (Fleet's Linux detail queries call
/// <c>split</c>, <c>regex_match</c> and <c>inet_aton</c>).</summary>
public sealed partial class SqlHost
{
    private void RegisterFunctions()
    {
        // Every parameter is nullable: Microsoft.Data.Sqlite rejects a NULL argument for a non-nullable one with a .NET
        // hint ("Create the function using a Nullable parameter...") instead of calling the function; osquery returns
        // NULL for any NULL argument, and so do these.
        // split(text, tokens, index): the index-th piece of text cut at any of the token characters, empty pieces dropped.
        connection.CreateFunction("split", (string? text, string? tokens, long? index) => Split(text, tokens, index), isDeterministic: true);

        // regex_match(text, pattern, index): the index-th group of the first match (0 is the whole match), or NULL.
        connection.CreateFunction("regex_match", (string? text, string? pattern, long? index) => RegexMatch(text, pattern, index), isDeterministic: true);

        // inet_aton(address): a dotted IPv4 address as an integer, or NULL.
        connection.CreateFunction("inet_aton", (string? address) => InetAton(address), isDeterministic: true);
    }

    internal static string? Split(string? text, string? tokens, long? index)
    {
        if (text is null || string.IsNullOrEmpty(tokens) || index is not { } i || i < 0)
        {
            return null;
        }

        var parts = text.Split(tokens.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return i < parts.Length ? parts[i] : null;
    }

    internal static string? RegexMatch(string? text, string? pattern, long? index)
    {
        if (text is null || pattern is null || index is not { } i || i < 0)
        {
            return null;
        }

        try
        {
            var m = Regex.Match(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return m.Success && i < m.Groups.Count ? m.Groups[(int)i].Value : null;
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            throw new SqlQueryException($"regex_match: {e.Message}");
        }
    }

    internal static long? InetAton(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || address.Count(c => c == '.') != 3)
        {
            return null;
        }

        var b = ip.GetAddressBytes();
        return ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
    }
}
