// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/etc/os-release (man 5 os-release): shell-compatible KEY=value assignments, values optionally quoted.</summary>
internal static class OsRelease
{
    /// <summary>The assignments; comments, blank lines and lines without '=' are skipped. A value whose closing quote
    /// is missing (a truncated file) keeps what follows the opening quote.</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].Trim(" \t\r"u8);
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            var eq = line.IndexOf((byte)'=');
            if (eq <= 0)
            {
                continue;
            }

            var key = Encoding.UTF8.GetString(line[..eq].TrimEnd((byte)' '));
            result[key] = Unquote(line[(eq + 1)..].TrimStart((byte)' '));
        }

        return result;
    }

    private static string Unquote(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value[0] is not ((byte)'"' or (byte)'\''))
        {
            return Encoding.UTF8.GetString(value);
        }

        var quote = value[0];
        var sb = new List<byte>(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var b = value[i];
            if (b == quote)
            {
                break;
            }

            // Inside double quotes the shell removes the backslash before ", \, $ and ` (man 5 os-release).
            if (quote == (byte)'"' && b == (byte)'\\' && i + 1 < value.Length && value[i + 1] is (byte)'"' or (byte)'\\' or (byte)'$' or (byte)'`')
            {
                b = value[++i];
            }

            sb.Add(b);
        }

        return Encoding.UTF8.GetString([.. sb]);
    }
}
