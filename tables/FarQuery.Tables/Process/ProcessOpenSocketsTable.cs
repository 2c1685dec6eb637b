// SPDX-License-Identifier: Apache-2.0

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
            row.Pid = s.Pid;
            row.Fd = s.Fd;
            row.Socket = s.Inode;
            row.NetNamespace = s.NetNamespace;
            if (s.Inet is { } inet)
            {
                row.Family = inet.Family;
                row.Protocol = inet.Protocol;
                row.LocalAddress = inet.LocalAddress;
                row.RemoteAddress = inet.RemoteAddress;
                row.LocalPort = inet.LocalPort;
                row.RemotePort = inet.RemotePort;
                row.Path = "";
                row.State = inet.StateName;
            }
            else if (s.Unix is { } unix)
            {
                row.Family = ProcNetSocket.Unix;
                row.Protocol = 0;
                row.LocalAddress = "";
                row.RemoteAddress = "";
                row.LocalPort = 0;
                row.RemotePort = 0;
                row.Path = unix.Path;
                row.State = "";
            }

            yield return row;
        }
    }
}
