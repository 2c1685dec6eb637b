// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>process_events reads the buffer ProcessEventsSubscriber fills (the end-to-end tracing tests live in
/// FarQuery.Events.Tests/Tracing, which run the real farquery binary).</summary>
public sealed class ProcessEventsTableTests
{
    private static ProcessEvent Exec(long pid, long time) => new()
    {
        Syscall = "execve",
        Pid = pid,
        Tid = pid,
        Parent = 1,
        Path = "/usr/bin/touch",
        Cmdline = "touch a",
        Cwd = "/tmp",
        Name = "touch",
        Ids = new ProcessIds(0, 0, 0, 0, 0, 0, 0, 0),
        Time = time,
        Uptime = 5,
    };

    [Fact]
    public void SelectStar_RowsFromTheSink_MatchSpec()
    {
        var context = new TableContext();
        var sink = new ProcessEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(Exec(42, now));
        sink.OnEvent(new ProcessEvent { Syscall = "exit", Pid = 42, ExitCode = 3, Time = now });
        sink.OnEvent(new ProcessEvent { Syscall = "ptrace", Pid = 43, Detail = "request=16 pid=1", Status = "failed", Result = -1, Time = now });

        var result = TableAssert.SelectStarMatchesSpec("process_events", context: context);
        Assert.Equal(3, result.Rows.Count);
        using var host = TableAssert.Host(context);
        var exec = host.Query("select pid, cmdline, cwd, name, uid, eid from process_events where syscall = 'execve'");
        Assert.Equal(new object?[] { 42L, "touch a", "/tmp", "touch", 0L, "0000000001" }, exec.Rows.Single());
        Assert.Equal(3L, host.Query("select exit_code from process_events where syscall = 'exit'").Rows.Single()[0]);
    }

    [Fact]
    public void Query_TimeConstraint_FiltersTheBuffer()
    {
        var context = new TableContext();
        var sink = new ProcessEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(Exec(1, now - 100));
        sink.OnEvent(Exec(2, now));
        using var host = TableAssert.Host(context);
        var rows = host.Query($"select pid from process_events where time >= {now - 10}").Rows;
        Assert.Equal(2L, Assert.Single(rows)[0]);
    }
}
