// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /etc/group (man 5 group): group_name:password:GID:user_list.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Gid">Numeric group id.</param>
/// <param name="Members">Comma-separated members, split.</param>
internal sealed record GroupEntry(string Name, long Gid, IReadOnlyList<string> Members)
{
    /// <summary>Every entry with a name and a numeric GID; comments, blank lines, NIS compat lines and lines whose GID
    /// is missing or not a number are skipped, the rest of the file still parses.</summary>
    public static List<GroupEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<GroupEntry>();
        Span<Range> fields = stackalloc Range[5];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].TrimEnd((byte)'\r');
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)'+' or (byte)'-')
            {
                continue;
            }

            var n = ByteFields.Split(line, fields, ":"u8, removeEmpty: false);
            if (n < 3 || line[fields[0]].IsEmpty || !PasswdEntry.TryId(line[fields[2]], out var gid))
            {
                continue;
            }

            var members = n > 3 && !line[fields[3]].IsEmpty
                ? Encoding.UTF8.GetString(line[fields[3]]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            list.Add(new GroupEntry(Encoding.UTF8.GetString(line[fields[0]]), gid, members));
        }

        return list;
    }
}
