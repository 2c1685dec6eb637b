// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>ProcessFileEventsSubscriber: a typed FileEvent in, a process_file_events row out.</summary>
public sealed class ProcessFileEventsSubscriberTests
{
    private const long Pid = 1_000_000_007;

    [Fact]
    public void OnEvent_Rename_FillsColumnsByName()
    {
        var context = new TableContext();
        new ProcessFileEventsSubscriber(context).OnEvent(new FileEvent
        {
            Operation = "rename",
            Syscall = "renameat2",
            Pid = Pid,
            Ppid = Pid - 1,
            Path = "/tmp/a",
            DestPath = "/etc/b",
            Ids = new ProcessIds(0, 0, 0, 0, 0, 0, 0, 0),
            Status = "succeeded",
            Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Lineage = new ProcessLineage("mv", "mv /tmp/a /etc/b", Pid - 1, "sh", "/bin/sh", "sh", "sh", 1_700_000_000),
        });
        using var host = TableAssert.Host(context);
        var row = host.Query("select operation, syscall, ppid, path, dest_path, partial, uid, name, cmdline, parent_name, start_time from process_file_events").Rows.Single();
        Assert.Equal(new object?[] { "rename", "renameat2", Pid - 1, "/tmp/a", "/etc/b", "false", "0", "mv", "mv /tmp/a /etc/b", "sh", 1_700_000_000L }, row);
    }

    [Theory]
    [InlineData("/etc/shadow", "/etc", "shadow")]
    [InlineData("/var/log/app/x.log", "/var/log/app", "x.log")]
    [InlineData("/shadow", "/", "shadow")]
    [InlineData("/etc//shadow", "/etc", "shadow")]
    [InlineData("relative", "/", "relative")]
    [InlineData(null, null, null)]
    public void Row_Path_DirectoryAndFilenameAsFalcosFields(string? path, string? directory, string? filename)
    {
        var row = ProcessFileEventsSubscriber.Row(new FileEvent { Operation = "open", Syscall = "openat", Pid = Pid, Path = path });
        Assert.Equal(directory, row[ProcessFileEventsTable.Spec.IndexOf("directory")]);
        Assert.Equal(filename, row[ProcessFileEventsTable.Spec.IndexOf("filename")]);
    }

    [Fact]
    public void Row_NoPath_IsPartial()
    {
        var row = ProcessFileEventsSubscriber.Row(new FileEvent { Operation = "chmod", Syscall = "fchmod", Pid = Pid });
        Assert.Equal("true", row[ProcessFileEventsTable.Spec.IndexOf("partial")]);
        Assert.Null(row[ProcessFileEventsTable.Spec.IndexOf("start_time")]);
    }
}
