// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>Small pure parsers for the one-value /proc files.</summary>
internal static class ProcText
{
    /// <summary>argv from /proc/[pid]/cmdline (NUL-separated) joined with spaces, as osquery's cmdline column shows it.</summary>
    public static string JoinCmdline(ReadOnlySpan<byte> raw)
    {
        if (!raw.IsEmpty && raw[^1] == 0)
        {
            raw = raw[..^1];
        }

        var s = Encoding.UTF8.GetString(raw);
        return s.Replace('\0', ' ');
    }

    /// <summary>The unified (v2) cgroup path from /proc/[pid]/cgroup, else the first hierarchy's path.</summary>
    public static string CgroupPath(ReadOnlySpan<byte> raw)
    {
        string? first = null;
        foreach (var r in raw.Split((byte)'\n'))
        {
            var line = raw[r];
            var a = line.IndexOf((byte)':');
            if (a < 0)
            {
                continue;
            }

            var b = line[(a + 1)..].IndexOf((byte)':');
            if (b < 0)
            {
                continue;
            }

            var path = Encoding.UTF8.GetString(line[(a + 1 + b + 1)..]);
            if (line[..a].SequenceEqual("0"u8))
            {
                return path;
            }

            first ??= path;
        }

        return first ?? "";
    }

    /// <summary>A "key: number" field of a file such as /proc/[pid]/io or /proc/stat (space or colon separated).</summary>
    public static long Field(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> key)
    {
        foreach (var r in raw.Split((byte)'\n'))
        {
            var line = raw[r];
            if (line.StartsWith(key) && line.Length > key.Length && (line[key.Length] == (byte)':' || line[key.Length] == (byte)' '))
            {
                var value = line[(key.Length + 1)..].Trim((byte)' ');
                var end = value.IndexOf((byte)' ');
                if (Utf8Parser.TryParse(end < 0 ? value : value[..end], out long n, out _))
                {
                    return n;
                }
            }
        }

        return -1;
    }
}
