// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/mounts (man 5 fstab layout): device, mount point, type, options, dump, pass.</summary>
/// <param name="Device">fs_spec.</param>
/// <param name="Path">fs_file, with the kernel's octal escapes (\040 for a space) decoded.</param>
/// <param name="Type">fs_vfstype, or empty when the line was cut short.</param>
/// <param name="Options">fs_mntops, or empty when the line was cut short.</param>
internal sealed record MountEntry(string Device, string Path, string Type, string Options)
{
    /// <summary>Every line with at least a device and a mount point.</summary>
    public static List<MountEntry> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<MountEntry>();
        Span<Range> fields = stackalloc Range[7];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var n = ByteFields.Split(line, fields, " \t"u8, removeEmpty: true);
            if (n < 2 || line[fields[0]][0] == (byte)'#')
            {
                continue;
            }

            list.Add(new MountEntry(
                Unescape(line[fields[0]]),
                Unescape(line[fields[1]]),
                n > 2 ? Unescape(line[fields[2]]) : "",
                n > 3 ? Unescape(line[fields[3]]) : ""));
        }

        return list;
    }

    /// <summary>Decodes the kernel's \ooo escapes (fs/proc_namespace.c mangle: space, tab, newline, backslash).</summary>
    internal static string Unescape(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(field);
        }

        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == (byte)'\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                bytes.Add((byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(field[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
