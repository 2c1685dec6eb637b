// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Sockets held by processes: IPv4/IPv6 TCP, UDP and raw sockets and UNIX sockets, per network namespace.
/// A <c>pid =</c> constraint limits the descriptor scan to those processes.</summary>
public sealed partial class ProcessOpenSocketsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var s in OpenSocketScan.Scan(Context.Fs, query.IntegerEquals(C.Pid), includeUnix: true, query.Cancellation))
        {
            var row = NewRow();
            row[C.Pid] = s.Pid;
            row[C.Fd] = s.Fd;
            row[C.Socket] = s.Inode;
            row[C.NetNamespace] = s.NetNamespace;
            if (s.Inet is { } inet)
            {
                row[C.Family] = inet.Family;
                row[C.Protocol] = inet.Protocol;
                row[C.LocalAddress] = inet.LocalAddress;
                row[C.RemoteAddress] = inet.RemoteAddress;
                row[C.LocalPort] = inet.LocalPort;
                row[C.RemotePort] = inet.RemotePort;
                row[C.Path] = "";
                row[C.State] = inet.StateName;
            }
            else if (s.Unix is { } unix)
            {
                row[C.Family] = ProcNetSocket.Unix;
                row[C.Protocol] = 0;
                row[C.LocalAddress] = "";
                row[C.RemoteAddress] = "";
                row[C.LocalPort] = 0;
                row[C.RemotePort] = 0;
                row[C.Path] = unix.Path;
                row[C.State] = "";
            }

            yield return row;
        }
    }
}
