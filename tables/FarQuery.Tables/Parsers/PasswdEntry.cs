// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /etc/passwd (man 5 passwd): name:password:UID:GID:GECOS:directory:shell.</summary>
/// <param name="Name">Login name.</param>
/// <param name="Uid">Numeric user id.</param>
/// <param name="Gid">Numeric primary group id, or null when the field is missing or not a number.</param>
/// <param name="Gecos">Comment field.</param>
/// <param name="Directory">Home directory.</param>
/// <param name="Shell">Login shell.</param>
internal sealed record PasswdEntry(string Name, long Uid, long? Gid, string Gecos, string Directory, string Shell)
{
    /// <summary>Every entry with a name and a numeric UID. Comments, blank lines and NIS compat lines ('+'/'-') are
    /// skipped; a truncated line still gives an entry with the fields it has (empty text, null gid).</summary>
    public static List<PasswdEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<PasswdEntry>();
        Span<Range> fields = stackalloc Range[8];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].TrimEnd((byte)'\r');
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)'+' or (byte)'-')
            {
                continue;
            }

            var n = ByteFields.Split(line, fields, ":"u8, removeEmpty: false);
            if (n < 3 || line[fields[0]].IsEmpty || !TryId(line[fields[2]], out var uid))
            {
                continue;
            }

            long? gid = n > 3 && TryId(line[fields[3]], out var g) ? g : null;
            list.Add(new PasswdEntry(
                Encoding.UTF8.GetString(line[fields[0]]),
                uid,
                gid,
                n > 4 ? Encoding.UTF8.GetString(line[fields[4]]) : "",
                n > 5 ? Encoding.UTF8.GetString(line[fields[5]]) : "",
                n > 6 ? Encoding.UTF8.GetString(line[fields[6]]) : ""));
        }

        return list;
    }

    /// <summary>An unsigned 32-bit id as Linux stores uid_t/gid_t.</summary>
    internal static bool TryId(ReadOnlySpan<byte> field, out long id)
    {
        id = -1;
        if (!Utf8Parser.TryParse(field, out uint value, out var used) || used != field.Length)
        {
            return false;
        }

        id = value;
        return true;
    }
}
