// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>user_events reads the buffer UserEventsSubscriber fills from the tracer's exec and setuid-family events.</summary>
public sealed class UserEventsTableTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static ProcessEvent Exec(long pid, long uid, long euid) => new()
    {
        Syscall = "execve",
        Pid = pid,
        Tid = pid,
        Path = "/usr/bin/su",
        Ids = new ProcessIds(uid, euid, euid, euid, 0, 0, 0, 0),
        Auid = 1000,
        Time = Now,
        Uptime = 3,
    };

    private static ProcessEvent SetUid(long pid, string status) => new()
    {
        Syscall = "setresuid",
        Pid = pid,
        Tid = pid,
        Path = "/usr/bin/sudo",
        Ids = new ProcessIds(0, 0, 0, 0, 0, 0, 0, 0),
        Detail = "real=0 effective=0 saved=0",
        Status = status,
        Time = Now,
        Uptime = 4,
    };

    [Fact]
    public void SelectStar_SetuidExecAndSuccessfulSetresuid_AreRowsAndOthersAreNot()
    {
        var context = new TableContext();
        var subscriber = new UserEventsSubscriber(context);
        subscriber.OnEvent(Exec(20, 1000, 0));
        subscriber.OnEvent(Exec(21, 1000, 1000));
        subscriber.OnEvent(Exec(22, -1, -1));
        subscriber.OnEvent(SetUid(23, "succeeded"));
        subscriber.OnEvent(SetUid(24, "failed"));
        subscriber.OnEvent(new ProcessEvent { Syscall = "exit", Pid = 20 });

        var result = TableAssert.SelectStarMatchesSpec("user_events", "select uid, auid, pid, message, type, path, address, terminal, uptime from user_events order by pid", context);

        Assert.Equal(2, result.Rows.Count);
        Assert.Equal([1000L, 1000L, 20L, "exec of a set-user-ID program: uid=1000 euid=0", null, "/usr/bin/su", null, null, 3L], result.Rows[0]);
        Assert.Equal([0L, null, 23L, "setresuid(real=0 effective=0 saved=0): uid=0 euid=0", null, "/usr/bin/sudo", null, null, 4L], result.Rows[1]);
        TableAssert.SelectStarMatchesSpec("user_events", context: context);
    }

    [Fact]
    public void SelectStar_NoEvents_NoRows()
    {
        TableAssert.SelectStarMatchesSpec("user_events", context: new TableContext(), expect: Expect.NoRows);
    }
}
