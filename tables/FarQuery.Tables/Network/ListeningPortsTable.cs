// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

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
            row[C.Pid] = s.Pid;
            row[C.Fd] = s.Fd;
            row[C.NetNamespace] = s.NetNamespace;
            if (s.Inet is { } inet)
            {
                if (inet.RemotePort != 0 || inet.Protocol is not (ProcNetSocket.Tcp or ProcNetSocket.Udp))
                {
                    continue;
                }

                row[C.Port] = inet.LocalPort;
                row[C.Protocol] = inet.Protocol;
                row[C.Family] = inet.Family;
                row[C.Address] = inet.LocalAddress;
                row[C.Socket] = inet.Inode;
                row[C.Path] = "";
            }
            else if (s.Unix is { Path.Length: > 0 } unix)
            {
                row[C.Port] = 0;
                row[C.Protocol] = 0;
                row[C.Family] = ProcNetSocket.Unix;
                row[C.Address] = "";
                row[C.Socket] = 0L;
                row[C.Path] = unix.Path;
            }
            else
            {
                continue;
            }

            yield return row;
        }
    }
}
