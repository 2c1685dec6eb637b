// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/net/unix (man 5 proc): "Num RefCount Protocol Flags Type St Inode Path".</summary>
/// <param name="Type">SOCK_STREAM (1), SOCK_DGRAM (2), SOCK_SEQPACKET (5).</param>
/// <param name="State">SS_* state: 1 unconnected, 2 connecting, 3 connected, 4 disconnecting.</param>
/// <param name="Listening">__SO_ACCEPTCON is set in Flags: a listening socket.</param>
/// <param name="Inode">Socket inode.</param>
/// <param name="Path">Bound path; abstract names start with '@'; empty for an unnamed socket.</param>
internal sealed record ProcNetUnix(int Type, int State, bool Listening, long Inode, string Path)
{
    private const uint SoAcceptCon = 0x10000;

    /// <summary>Every socket line; the header and lines without an inode are skipped. A path may hold spaces, so it is
    /// everything after the inode field.</summary>
    public static List<ProcNetUnix> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcNetUnix>();
        Span<Range> fields = stackalloc Range[8];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var n = ByteFields.Split(line, fields, " \t"u8, removeEmpty: true);
            if (n < 7 || line[fields[0]][^1] != (byte)':' || !Utf8Parser.TryParse(line[fields[6]], out long inode, out _))
            {
                continue;
            }

            Utf8Parser.TryParse(line[fields[3]], out uint flags, out _, 'X');
            Utf8Parser.TryParse(line[fields[4]], out ushort type, out _, 'X');
            Utf8Parser.TryParse(line[fields[5]], out byte state, out _, 'X');
            var path = n > 7 ? Encoding.UTF8.GetString(line[fields[7].Start..].TrimEnd((byte)'\r')) : "";
            list.Add(new ProcNetUnix(type, state, (flags & SoAcceptCon) != 0, inode, path));
        }

        return list;
    }
}
