// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>SocketEventsSubscriber: a typed SocketEvent in, a socket_events row out, lineage taken from the event.</summary>
public sealed class SocketEventsSubscriberTests
{
    private const long Pid = 1_000_000_007;

    [Fact]
    public void OnEvent_Connect_FillsColumnsByName()
    {
        var context = new TableContext();
        new SocketEventsSubscriber(context).OnEvent(new SocketEvent
        {
            Action = "connect",
            Syscall = "connect",
            Pid = Pid,
            Fd = 5,
            Family = 2,
            RemoteAddress = "192.0.2.1",
            RemotePort = 4444,
            Status = "in_progress",
            Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Lineage = new ProcessLineage("nc", "nc 192.0.2.1 4444", Pid - 1, "sh", "/bin/sh", "sh -c nc", "sh", 1_700_000_000),
        });
        using var host = TableAssert.Host(context);
        var row = host.Query("select action, pid, fd, remote_address, remote_port, success, name, cmdline, parent, parent_name, ancestors, start_time from socket_events").Rows.Single();
        Assert.Equal(new object?[] { "connect", Pid, "5", "192.0.2.1", 4444L, 1L, "nc", "nc 192.0.2.1 4444", Pid - 1, "sh", "sh", 1_700_000_000L }, row);
    }

    [Fact]
    public void Row_UnknownLineage_ParentIsMinusOne()
    {
        var row = SocketEventsSubscriber.Row(new SocketEvent { Action = "socket", Syscall = "socket", Pid = Pid, Status = "failed" });
        Assert.Equal(-1L, row[SocketEventsTable.Spec.IndexOf("parent")]);
        Assert.Equal(0L, row[SocketEventsTable.Spec.IndexOf("success")]);
        Assert.Null(row[SocketEventsTable.Spec.IndexOf("name")]);
        Assert.Null(row[SocketEventsTable.Spec.IndexOf("start_time")]);
    }
}
