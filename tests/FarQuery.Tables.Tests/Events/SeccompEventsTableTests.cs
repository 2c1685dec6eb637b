// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>seccomp_events reads the buffer SeccompEventsSubscriber fills from the tracer's exit events (the end-to-end
/// test of a real seccomp kill is TracedAppTests in FarQuery.Events.Tests).</summary>
public sealed class SeccompEventsTableTests
{
    private static ProcessEvent Exit(long pid, long? signal, bool seccompKill) => new()
    {
        Syscall = "exit",
        Pid = pid,
        Tid = pid,
        Path = "/usr/bin/app",
        Name = "app",
        Ids = new ProcessIds(1000, 1000, 1000, 1000, 100, 100, 100, 100),
        Signal = signal,
        SeccompKill = seccompKill,
        Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Uptime = 7,
    };

    [Fact]
    public void SelectStar_OnlySeccompKills_BecomeRows()
    {
        var context = new TableContext();
        var subscriber = new SeccompEventsSubscriber(context);
        subscriber.OnEvent(Exit(10, 31, seccompKill: true));
        subscriber.OnEvent(Exit(11, 31, seccompKill: false));
        subscriber.OnEvent(Exit(12, 9, seccompKill: false));
        subscriber.OnEvent(Exit(13, null, seccompKill: false));
        subscriber.OnEvent(new ProcessEvent { Syscall = "execve", Pid = 14 });

        var result = TableAssert.SelectStarMatchesSpec("seccomp_events", context: context);

        var row = Assert.Single(result.Rows);
        object?[] expected = [7L, null, 1000L, 100L, null, 10L, "app", "/usr/bin/app", 31L, null, null, null, null, "KILL"];
        Assert.Equal(expected, row.Skip(1).ToArray());
    }

    [Fact]
    public void SelectStar_NoEvents_NoRows()
    {
        TableAssert.SelectStarMatchesSpec("seccomp_events", context: new TableContext(), expect: Expect.NoRows);
    }
}
