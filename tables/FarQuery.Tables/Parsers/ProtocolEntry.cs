// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /etc/protocols (man 5 protocols): official name, number, aliases, '#' comment.</summary>
/// <param name="Name">Protocol name.</param>
/// <param name="Number">IP protocol number, or null when the field is not a number.</param>
/// <param name="Alias">The first alias only, as osquery reports it; null when there is none.</param>
/// <param name="Comment">The comment's '#'-separated parts, trimmed, joined with " # "; null without a comment.</param>
internal sealed record ProtocolEntry(string Name, long? Number, string? Alias, string? Comment)
{
    /// <summary>Every line with at least a name and a number field; lines starting with '#' (after trimming) and blank
    /// lines are skipped.</summary>
    public static List<ProtocolEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProtocolEntry>();
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('#', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var fields = parts[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            long? number = long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            var comment = parts.Length > 1 ? string.Join(" # ", parts[1..]) : null;
            list.Add(new ProtocolEntry(fields[0], number, fields.Length > 2 ? fields[2] : null, comment));
        }

        return list;
    }
}
