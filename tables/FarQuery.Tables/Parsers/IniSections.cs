// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>An INI file as yum and dnf read their .repo and .conf files: "[section]" headers, "key=value" options
/// (trimmed; the last of a repeated key wins), '#' and ';' comment lines, and continuation lines (starting with a blank)
/// that add to the previous value, joined with a space (a gpgkey list written one URL per line).</summary>
internal static class IniSections
{
    /// <summary>The sections in file order with their options; options before the first header are ignored.</summary>
    public static List<(string Name, Dictionary<string, string> Options)> Parse(ReadOnlySpan<byte> text)
    {
        var sections = new List<(string Name, Dictionary<string, string> Options)>();
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] is ' ' or '\t' && current is not null && lastKey is not null)
            {
                current[lastKey] = (current[lastKey] + " " + trimmed).Trim();
            }
            else if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                sections.Add((trimmed[1..^1].Trim(), current));
                lastKey = null;
            }
            else if (current is not null && trimmed.IndexOf('=') is > 0 and var eq)
            {
                lastKey = trimmed[..eq].Trim();
                current[lastKey] = trimmed[(eq + 1)..].Trim();
            }
        }

        return sections;
    }
}
