// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>socket_events reads the buffer SocketEventsSubscriber fills.</summary>
public sealed class SocketEventsTableTests
{
    [Fact]
    public void SelectStar_RowsFromTheSink_MatchSpec()
    {
        var context = new TableContext();
        var sink = new SocketEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(new SocketEvent
        {
            Action = "connect", Syscall = "connect", Pid = 7, Fd = 3, Family = 2, Protocol = 6,
            LocalAddress = "127.0.0.1", LocalPort = 40000, RemoteAddress = "127.0.0.1", RemotePort = 80,
            Status = "in_progress", Result = -115, Time = now,
        });
        sink.OnEvent(new SocketEvent { Action = "socket", Syscall = "socket", Pid = 7, Fd = 4, Family = 17, Status = "succeeded", Time = now });

        var result = TableAssert.SelectStarMatchesSpec("socket_events", context: context);
        Assert.Equal(2, result.Rows.Count);
        using var host = TableAssert.Host(context);
        var row = host.Query("select fd, remote_address, remote_port, protocol, success, status from socket_events where action = 'connect'").Rows.Single();
        Assert.Equal(new object?[] { "3", "127.0.0.1", 80L, 6L, 1L, "in_progress" }, row);
    }

    [Fact]
    public void Query_TimeConstraint_FiltersTheBuffer()
    {
        var context = new TableContext();
        var sink = new SocketEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(new SocketEvent { Action = "bind", Syscall = "bind", Pid = 1, Time = now - 100 });
        sink.OnEvent(new SocketEvent { Action = "listen", Syscall = "listen", Pid = 2, Time = now });
        using var host = TableAssert.Host(context);
        Assert.Equal("bind", host.Query($"select action from socket_events where time < {now - 10}").Rows.Single()[0]);
    }
}
