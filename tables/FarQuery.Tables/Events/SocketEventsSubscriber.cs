// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;
using FarQuery.Events;
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="SocketEvent"/> into a <c>socket_events</c> row
/// through the generated column ordinals (docs/events.md).</summary>
public sealed class SocketEventsSubscriber : IEventSubscriber<TraceEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's <c>socket_events</c> buffer.</summary>
    public SocketEventsSubscriber(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(SocketEventsTable.Spec, SocketEventsTable.Publisher);
    }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent e)
    {
        if (e is SocketEvent s)
        {
            buffer.Add(Row(s));
        }
    }

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(SocketEvent e)
    {
        var r = new object?[SocketEventsTable.Spec.Columns.Count];
        r[SocketEventsTable.C.Action] = e.Action;
        r[SocketEventsTable.C.Pid] = e.Pid;
        r[SocketEventsTable.C.Path] = e.Path;
        r[SocketEventsTable.C.Fd] = e.Fd?.ToString(CultureInfo.InvariantCulture);
        r[SocketEventsTable.C.Family] = e.Family;
        r[SocketEventsTable.C.Protocol] = e.Protocol;
        r[SocketEventsTable.C.LocalAddress] = e.LocalAddress;
        r[SocketEventsTable.C.RemoteAddress] = e.RemoteAddress;
        r[SocketEventsTable.C.LocalPort] = e.LocalPort;
        r[SocketEventsTable.C.RemotePort] = e.RemotePort;
        r[SocketEventsTable.C.Socket] = e.Socket;
        r[SocketEventsTable.C.Time] = e.Time;
        r[SocketEventsTable.C.Uptime] = e.Uptime;
        r[SocketEventsTable.C.Success] = e.Status is "succeeded" or "in_progress" ? 1L : 0L;
        r[SocketEventsTable.C.Status] = e.Status;
        r[SocketEventsTable.C.Syscall] = e.Syscall;
        r[SocketEventsTable.C.Tid] = e.Tid;
        r[SocketEventsTable.C.Result] = e.Result;
        r[SocketEventsTable.C.Name] = e.Lineage.Name;
        r[SocketEventsTable.C.Cmdline] = e.Lineage.Cmdline;
        r[SocketEventsTable.C.Parent] = e.Lineage.Parent;
        r[SocketEventsTable.C.ParentName] = e.Lineage.ParentName;
        r[SocketEventsTable.C.ParentPath] = e.Lineage.ParentPath;
        r[SocketEventsTable.C.ParentCmdline] = e.Lineage.ParentCmdline;
        r[SocketEventsTable.C.Ancestors] = e.Lineage.Ancestors;
        return r;
    }
}
