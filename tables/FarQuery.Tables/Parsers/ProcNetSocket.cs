// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/net/{tcp,tcp6,udp,udp6,raw,raw6} (man 5 proc, kernel net/ipv4/tcp_ipv4.c
/// get_tcp4_sock): "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...".</summary>
/// <param name="Family">AF_INET (2) or AF_INET6 (10).</param>
/// <param name="Protocol">IPPROTO_TCP (6), IPPROTO_UDP (17), or for raw sockets the IP protocol they carry.</param>
/// <param name="LocalAddress">Local address, dotted or RFC 5952 text.</param>
/// <param name="LocalPort">Local port (0 for raw sockets, whose "port" field holds the protocol).</param>
/// <param name="RemoteAddress">Remote address.</param>
/// <param name="RemotePort">Remote port.</param>
/// <param name="State">The kernel's TCP state number (st), 0 when unreadable.</param>
/// <param name="Inode">Socket inode, matched against "socket:[inode]" links in /proc/[pid]/fd; 0 when unknown.</param>
internal sealed record ProcNetSocket(int Family, int Protocol, string LocalAddress, int LocalPort, string RemoteAddress, int RemotePort, int State, long Inode)
{
    /// <summary>AF_UNIX (sys/socket.h), as osquery's family column reports it.</summary>
    public const int Unix = 1;

    /// <summary>AF_INET.</summary>
    public const int Inet = 2;

    /// <summary>AF_INET6.</summary>
    public const int Inet6 = 10;

    /// <summary>IPPROTO_TCP.</summary>
    public const int Tcp = 6;

    /// <summary>IPPROTO_UDP.</summary>
    public const int Udp = 17;

    /// <summary>IPPROTO_RAW: what the table reports as the protocol of a raw socket line it cannot read.</summary>
    public const int Raw = 255;

    // Index = the kernel's st value (include/net/tcp_states.h), names as osquery's process_open_sockets reports them.
    private static readonly string[] TcpStates =
    [
        "UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSED",
        "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
    ];

    /// <summary>osquery's state text: the TCP state name for TCP sockets, empty for the others.</summary>
    public string StateName => Protocol != Tcp ? "" : State >= 0 && State < TcpStates.Length ? TcpStates[State] : "UNKNOWN";

    /// <summary>Every socket line. The header is skipped; a line cut short after the addresses still gives a row
    /// (state 0, inode 0) so what could be read is not lost; a line whose addresses cannot be read is skipped.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="family">AF_INET for tcp/udp/raw, AF_INET6 for the *6 files.</param>
    /// <param name="protocol">IPPROTO_TCP/UDP, or <see cref="Raw"/> for raw files.</param>
    public static List<ProcNetSocket> Parse(ReadOnlySpan<byte> text, int family, int protocol)
    {
        var list = new List<ProcNetSocket>();
        Span<Range> fields = stackalloc Range[11];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var n = ByteFields.Split(line, fields, " \t"u8, removeEmpty: true);
            if (n < 3 || line[fields[0]][^1] != (byte)':')
            {
                continue;
            }

            if (!TryEndpoint(line[fields[1]], family, out var local, out var localPort)
                || !TryEndpoint(line[fields[2]], family, out var remote, out var remotePort))
            {
                continue;
            }

            var state = 0;
            if (n > 3 && Utf8Parser.TryParse(line[fields[3]], out byte st, out _, 'X'))
            {
                state = st;
            }

            long inode = 0;
            if (n > 9 && Utf8Parser.TryParse(line[fields[9]], out long ino, out _))
            {
                inode = ino;
            }

            var proto = protocol;
            if (protocol == Raw)
            {
                // For raw sockets the kernel prints the socket's IP protocol (inet_num) where a port would be.
                proto = localPort;
                localPort = 0;
            }

            list.Add(new ProcNetSocket(family, proto, local, localPort, remote, remotePort, state, inode));
        }

        return list;
    }

    /// <summary>Decodes "ADDR:PORT" where ADDR is the kernel's %08X of each 32-bit word of the address as it sits in
    /// memory, so on a little-endian host (x86_64, arm64: all Fargate runs) each word's bytes come out reversed.</summary>
    internal static bool TryEndpoint(ReadOnlySpan<byte> field, int family, out string address, out int port)
    {
        address = "";
        port = 0;
        var colon = field.IndexOf((byte)':');
        var words = family == Inet6 ? 4 : 1;
        if (colon != words * 8 || !Utf8Parser.TryParse(field[(colon + 1)..], out ushort p, out _, 'X'))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[words * 4];
        for (var i = 0; i < words; i++)
        {
            if (!Utf8Parser.TryParse(field.Slice(i * 8, 8), out uint word, out var used, 'X') || used != 8)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i * 4)..], word);
        }

        address = new IPAddress(bytes).ToString();
        port = p;
        return true;
    }
}
