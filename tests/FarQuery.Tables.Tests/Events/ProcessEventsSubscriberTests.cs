// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>ProcessEventsSubscriber: a typed ProcessEvent in, a process_events row out, lineage taken from the event
/// (no /proc).</summary>
public sealed class ProcessEventsSubscriberTests
{
    // A pid above PID_MAX_LIMIT: nothing here may come from /proc.
    private const long Pid = 1_000_000_007;

    [Fact]
    public void OnEvent_ExecWithLineage_FillsColumnsByName()
    {
        var context = new TableContext();
        new ProcessEventsSubscriber(context).OnEvent(new ProcessEvent
        {
            Syscall = "execve",
            Pid = Pid,
            Tid = Pid,
            Parent = Pid - 1,
            Path = "/usr/bin/nc",
            Cmdline = "nc -l 4444",
            Name = "nc",
            Ids = new ProcessIds(1, 2, 3, 4, 5, 6, 7, -1),
            Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Lineage = new ProcessLineage("nc", "nc -l 4444", Pid - 1, "sh", "/bin/sh", "sh -c nc", "sh httpd", 1_700_000_000),
        });
        using var host = TableAssert.Host(context);
        var row = host.Query("select pid, parent, path, cmdline, syscall, uid, euid, fsgid, parent_name, parent_path, parent_cmdline, ancestors, start_time from process_events").Rows.Single();
        Assert.Equal(new object?[] { Pid, Pid - 1, "/usr/bin/nc", "nc -l 4444", "execve", 1L, 2L, null, "sh", "/bin/sh", "sh -c nc", "sh httpd", 1_700_000_000L }, row);
    }

    [Fact]
    public void OnEvent_OtherTraceEvents_AreIgnored()
    {
        var context = new TableContext();
        var subscriber = new ProcessEventsSubscriber(context);
        subscriber.OnEvent(new SocketEvent { Action = "connect", Syscall = "connect", Pid = Pid });
        subscriber.OnEvent(new FileEvent { Operation = "open", Syscall = "openat", Pid = Pid });
        Assert.Equal(0, context.Events.Buffer(ProcessEventsTable.Spec, ProcessEventsTable.Publisher).Count);
    }

    [Fact]
    public void Row_Exit_KeepsExitCodeAndSignal()
    {
        var row = ProcessEventsSubscriber.Row(new ProcessEvent { Syscall = "exit", Pid = Pid, ExitCode = 3, Signal = 9 });
        Assert.Equal(3L, row[ProcessEventsTable.Spec.IndexOf("exit_code")]);
        Assert.Equal(9L, row[ProcessEventsTable.Spec.IndexOf("signal")]);
        Assert.Null(row[ProcessEventsTable.Spec.IndexOf("parent_name")]);
        Assert.Null(row[ProcessEventsTable.Spec.IndexOf("start_time")]);
    }
}
