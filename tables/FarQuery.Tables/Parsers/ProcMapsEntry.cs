// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/[pid]/maps (man 5 proc): "start-end perms offset dev inode pathname".</summary>
/// <param name="Start">Start address, hex as the kernel writes it, with 0x.</param>
/// <param name="End">End address, hex with 0x.</param>
/// <param name="Permissions">rwxp/rwxs flags.</param>
/// <param name="Offset">Offset into the mapped file.</param>
/// <param name="Device">major:minor of the file's device, hex.</param>
/// <param name="Inode">Inode of the file, 0 for anonymous mappings.</param>
/// <param name="Path">Mapped file or pseudo-path ([heap], [stack], [vdso]), empty for anonymous memory.</param>
internal sealed record ProcMapsEntry(string Start, string End, string Permissions, long Offset, string Device, long Inode, string Path)
{
    /// <summary>Every well-formed line; a line cut short (the file changes while the process runs) is skipped.</summary>
    public static List<ProcMapsEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcMapsEntry>();
        Span<Range> f = stackalloc Range[6];
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (ByteFields.Split(line, f, " "u8, removeEmpty: true) < 5)
            {
                continue;
            }

            var addresses = line[f[0]];
            var dash = addresses.IndexOf((byte)'-');
            if (dash <= 0 || !long.TryParse(Encoding.ASCII.GetString(line[f[2]]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset)
                || !long.TryParse(Encoding.ASCII.GetString(line[f[4]]), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                continue;
            }

            // The path is the rest of the line after the inode; the buffer's last range keeps its inner spaces.
            var path = line[f[4].End..].TrimStart(" "u8);
            list.Add(new ProcMapsEntry(
                "0x" + Encoding.ASCII.GetString(addresses[..dash]),
                "0x" + Encoding.ASCII.GetString(addresses[(dash + 1)..]),
                Encoding.ASCII.GetString(line[f[1]]),
                offset,
                Encoding.ASCII.GetString(line[f[3]]),
                inode,
                Encoding.UTF8.GetString(path)));
        }

        return list;
    }
}
