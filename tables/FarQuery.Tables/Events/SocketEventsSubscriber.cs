// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="SocketEvent"/> into a <c>socket_events</c> row
/// through the generated typed row (docs/events.md).</summary>
public sealed class SocketEventsSubscriber(TableContext context)
    : EventSubscriberBase<TraceEvent>(context, SocketEventsTable.Spec, SocketEventsTable.Publisher)
{
    /// <inheritdoc/>
    protected override object?[]? ToRow(TraceEvent e) => e is SocketEvent s ? Row(s) : null;

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(SocketEvent e)
    {
        var r = SocketEventsTable.NewRow();
        r.Action = e.Action;
        r.Pid = e.Pid;
        r.Path = e.Path;
        r.Fd = e.Fd?.ToString(CultureInfo.InvariantCulture);
        r.Family = e.Family;
        r.Protocol = e.Protocol;
        r.LocalAddress = e.LocalAddress;
        r.RemoteAddress = e.RemoteAddress;
        r.LocalPort = e.LocalPort;
        r.RemotePort = e.RemotePort;
        r.Socket = e.Socket;
        r.Time = e.Time;
        r.Uptime = e.Uptime;
        r.Success = e.Status is "succeeded" or "in_progress" ? 1L : 0L;
        r.Status = e.Status;
        r.Syscall = e.Syscall;
        r.Tid = e.Tid;
        r.Result = e.Result;
        r.Name = e.Lineage.Name;
        r.Cmdline = e.Lineage.Cmdline;
        r.Parent = e.Lineage.Parent;
        TraceColumns.WriteAncestry(r, e.Lineage);
        return r;
    }
}
