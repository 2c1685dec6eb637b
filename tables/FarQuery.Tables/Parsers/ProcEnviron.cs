// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/[pid]/environ: NUL-separated KEY=VALUE strings (man 5 proc).</summary>
internal static class ProcEnviron
{
    /// <summary>Every variable in order. A final entry without its NUL (the kernel caps the read, or the process
    /// rewrote its stack) is still returned; an entry without '=' gives the whole string as key and an empty value.</summary>
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> raw)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var range in raw.Split((byte)0))
        {
            var entry = raw[range];
            if (entry.IsEmpty)
            {
                continue;
            }

            var eq = entry.IndexOf((byte)'=');

            // "=C:" style entries (a leading '=') are not variables a shell could have set; keep them whole as the key.
            if (eq <= 0)
            {
                list.Add(new(Encoding.UTF8.GetString(entry), ""));
            }
            else
            {
                list.Add(new(Encoding.UTF8.GetString(entry[..eq]), Encoding.UTF8.GetString(entry[(eq + 1)..])));
            }
        }

        return list;
    }
}
