// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/net/arp.</summary>
internal readonly record struct ArpEntry(string Address, string Mac, string Interface, bool Permanent);

/// <summary>Parses /proc/net/arp ("IP address HW type Flags HW address Mask Device"); short lines are skipped.</summary>
internal static class ProcNetArp
{
    // ATF_PERM in include/uapi/linux/if_arp.h.
    private const int AtfPerm = 0x04;

    /// <summary>The entries of the table, header excluded.</summary>
    public static List<ArpEntry> Parse(ReadOnlySpan<byte> text)
    {
        var result = new List<ArpEntry>();
        var first = true;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = Encoding.UTF8.GetString(text[range]);
            if (first)
            {
                first = false;
                continue;
            }

            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6)
            {
                continue;
            }

            var flags = f[2].StartsWith("0x", StringComparison.Ordinal) && int.TryParse(f[2].AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var v) ? v : 0;
            result.Add(new ArpEntry(f[0], f[3], f[5], (flags & AtfPerm) != 0));
        }

        return result;
    }
}
