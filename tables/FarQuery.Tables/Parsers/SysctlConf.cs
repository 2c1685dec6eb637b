// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>sysctl.conf(5) and sysctl.d(5) files: "key = value" lines, '#' or ';' comment lines.</summary>
internal static class SysctlConf
{
    /// <summary>Adds each setting to <paramref name="settings"/>, a later one replacing an earlier one (the order the
    /// caller reads files in is the precedence). Keys are normalised to the dotted form: a key whose first separator
    /// is '/' uses '/' between components, as sysctl(8) accepts. A leading '-' (ignore failures) is dropped. Lines
    /// without '=' are skipped.</summary>
    public static void Parse(ReadOnlySpan<byte> text, Dictionary<string, string> settings)
    {
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] is '#' or ';' || eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim().TrimStart('-');
            if (key.Length > 0)
            {
                settings[Normalize(key)] = line[(eq + 1)..].Trim();
            }
        }
    }

    /// <summary>The dotted name of a key in either spelling.</summary>
    public static string Normalize(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (slash < 0 || (dot >= 0 && dot < slash))
        {
            return key;
        }

        // '/' separates components, so a '.' is part of a component (a VLAN interface "eth0.100").
        return SwapSeparators(key);
    }

    /// <summary>Turns '/' into '.' and '.' into '/': between a /proc/sys path and its dotted name in either direction,
    /// as sysctl(8) does, so a '.' inside a component (an interface named "eth0.100") keeps the name reversible.</summary>
    public static string SwapSeparators(string text) =>
        string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = t[i] switch { '/' => '.', '.' => '/', var c => c };
            }
        });
}
