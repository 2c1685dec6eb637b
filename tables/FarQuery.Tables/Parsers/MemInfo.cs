// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/meminfo (man 5 proc): "Key:   value kB" lines.</summary>
internal static class MemInfo
{
    /// <summary>Every readable line, values converted to bytes when the unit is kB. Lines whose value is not a number
    /// (a truncated file) are skipped.</summary>
    public static Dictionary<string, long> Parse(ReadOnlySpan<byte> text)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (!Utf8Parser.TryParse(value, out long n, out var used))
            {
                continue;
            }

            var unit = value[used..].Trim((byte)' ');
            result[Encoding.ASCII.GetString(line[..colon])] = unit.SequenceEqual("kB"u8) ? n * 1024 : n;
        }

        return result;
    }
}
