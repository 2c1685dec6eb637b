// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Bound sockets, derived from the process_open_sockets scan as osquery derives it: every TCP/UDP socket with
/// remote port 0 (TCP LISTEN, unconnected UDP), and every UNIX socket bound to a path.</summary>
public sealed partial class ListeningPortsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var s in OpenSocketScan.Scan(Context.Fs, null, includeUnix: true, query.Cancellation))
        {
            var row = NewRow();
            row.Pid = s.Pid;
            row.Fd = s.Fd;
            row.NetNamespace = s.NetNamespace;
            if (s.Inet is { } inet)
            {
                if (inet.RemotePort != 0 || inet.Protocol is not (ProcNetSocket.Tcp or ProcNetSocket.Udp))
                {
                    continue;
                }

                row.Port = inet.LocalPort;
                row.Protocol = inet.Protocol;
                row.Family = inet.Family;
                row.Address = inet.LocalAddress;
                row.Socket = inet.Inode;
                row.Path = "";
            }
            else if (s.Unix is { Path.Length: > 0 } unix)
            {
                row.Port = 0;
                row.Protocol = 0;
                row.Family = ProcNetSocket.Unix;
                row.Address = "";
                row.Socket = 0L;
                row.Path = unix.Path;
            }
            else
            {
                continue;
            }

            yield return row;
        }
    }
}
