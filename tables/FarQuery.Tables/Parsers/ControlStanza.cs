// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>Paragraphs of "Field: value" lines separated by blank lines, with indented continuation lines (deb-control(5),
/// the format of dpkg's status file). Field names compare case-insensitively, as dpkg does.</summary>
internal static class ControlStanza
{
    /// <summary>Every paragraph as a field map. Only the first line of a multi-line field is kept (the tables need no
    /// descriptions or conffile lists). A line without a colon, as a truncated or corrupted file leaves, is skipped; a
    /// paragraph cut off at the end of the file still yields the fields it has.</summary>
    public static List<Dictionary<string, string>> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].TrimEnd((byte)'\r');
            if (line.Trim(" \t"u8).IsEmpty)
            {
                current = null;
                continue;
            }

            if (line[0] is (byte)' ' or (byte)'\t' or (byte)'#')
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            if (current is null)
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                list.Add(current);
            }

            current.TryAdd(Encoding.UTF8.GetString(line[..colon].Trim((byte)' ')), Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t"u8)));
        }

        return list;
    }
}
