// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/keys (keyrings(7)): serial (hex), flags, usage, timeout, permissions (hex), uid, gid,
/// type, then the type's description text, which may hold spaces.</summary>
/// <param name="SerialNumber">Serial number, eight hex digits as printed.</param>
/// <param name="Flags">Seven flag characters (I, R, D, Q, U, N, i or '-').</param>
/// <param name="Usage">Reference count.</param>
/// <param name="Timeout">"perm", or the time left ("5d", "3h", "2m", "10s", "expd").</param>
/// <param name="Permissions">Permission mask, eight hex digits as printed.</param>
/// <param name="Uid">Owner uid (-1 when the key has none).</param>
/// <param name="Gid">Group gid (-1 when the key has none).</param>
/// <param name="Type">Key type (keyring, user, logon, asymmetric, ...).</param>
/// <param name="Description">The rest of the line, trimmed.</param>
internal sealed record ProcKey(string SerialNumber, string Flags, long Usage, string Timeout, string Permissions, long Uid,
    long Gid, string Type, string Description)
{
    /// <summary>Every line with all nine fields and numeric usage, uid and gid; others are skipped.</summary>
    public static List<ProcKey> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcKey>();
        Span<Range> f = stackalloc Range[9];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            if (ByteFields.Split(line, f, " \t"u8, removeEmpty: true) < 9
                || !Utf8Parser.TryParse(line[f[2]], out long usage, out _)
                || !Utf8Parser.TryParse(line[f[5]], out long uid, out _)
                || !Utf8Parser.TryParse(line[f[6]], out long gid, out _))
            {
                continue;
            }

            list.Add(new ProcKey(Text(line[f[0]]), Text(line[f[1]]), usage, Text(line[f[3]]), Text(line[f[4]]), uid, gid,
                Text(line[f[7]]), Text(line[f[8]]).TrimEnd('\r')));
        }

        return list;
    }

    private static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
