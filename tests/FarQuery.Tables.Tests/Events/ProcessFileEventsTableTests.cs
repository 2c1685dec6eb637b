// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>process_file_events reads the buffer ProcessFileEventsSubscriber fills.</summary>
public sealed class ProcessFileEventsTableTests
{
    [Fact]
    public void SelectStar_RowsFromTheSink_MatchSpec()
    {
        var context = new TableContext();
        var sink = new ProcessFileEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(new FileEvent
        {
            Operation = "rename", Syscall = "renameat2", Pid = 9, Tid = 9, Ppid = 1, Executable = "/usr/bin/mv", Cwd = "/tmp",
            Path = "/tmp/a", PathRaw = "a", DestPath = "/tmp/b", Ids = new ProcessIds(1, 2, 3, 4, 5, 6, 7, 8),
            Status = "succeeded", Result = 0, Time = now,
        });
        sink.OnEvent(new FileEvent { Operation = "chmod", Syscall = "fchmodat", Pid = 9, Path = "/tmp/b", Mode = "04755", Status = "failed", Result = -1, Time = now });

        var result = TableAssert.SelectStarMatchesSpec("process_file_events", context: context);
        Assert.Equal(2, result.Rows.Count);
        using var host = TableAssert.Host(context);
        var row = host.Query("select path, path_raw, dest_path, uid, euid, sgid, partial from process_file_events where operation = 'rename'").Rows.Single();
        Assert.Equal(new object?[] { "/tmp/a", "a", "/tmp/b", "1", "2", "7", "false" }, row);

        // The credentials are TEXT as in osquery; an integer comparison casts them.
        Assert.Single(host.Query("select pid from process_file_events where CAST(euid AS INTEGER) > 1 and uid = 1").Rows);
    }

    [Fact]
    public void Query_TimeConstraint_FiltersTheBuffer()
    {
        var context = new TableContext();
        var sink = new ProcessFileEventsSubscriber(context);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        sink.OnEvent(new FileEvent { Operation = "mkdir", Syscall = "mkdir", Pid = 1, Path = "/old", Time = now - 100 });
        sink.OnEvent(new FileEvent { Operation = "mkdir", Syscall = "mkdir", Pid = 1, Path = "/new", Time = now });
        using var host = TableAssert.Host(context);
        Assert.Equal("/new", host.Query($"select path from process_file_events where time = {now}").Rows.Single()[0]);
    }
}
