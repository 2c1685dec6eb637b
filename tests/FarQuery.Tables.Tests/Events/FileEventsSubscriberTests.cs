// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Inotify;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>FileEventsSubscriber: a typed InotifyEvent in, a file_events row out.</summary>
public sealed class FileEventsSubscriberTests
{
    [Fact]
    public void OnEvent_UpdatedFile_FillsColumnsByName()
    {
        var context = new TableContext();
        new FileEventsSubscriber(context).OnEvent(new InotifyEvent
        {
            TargetPath = "/etc/passwd",
            Category = "etc",
            Action = "UPDATED",
            TransactionId = 0,
            Inode = 12,
            Uid = 0,
            Mode = "0644",
            Size = 100,
            Hashed = 1,
            Sha256 = "ab",
            Pid = 42,
            Executable = "/bin/vi",
        });
        using var host = TableAssert.Host(context);
        var row = host.Query("select target_path, category, action, inode, uid, gid, mode, size, hashed, sha256, md5, pid, executable from file_events").Rows.Single();
        Assert.Equal(new object?[] { "/etc/passwd", "etc", "UPDATED", 12L, 0L, null, "0644", 100L, 1L, "ab", null, 42L, "/bin/vi" }, row);
    }

    [Fact]
    public void Row_DeletedFile_LeavesStatColumnsNull()
    {
        var row = FileEventsSubscriber.Row(new InotifyEvent { TargetPath = "/etc/x", Category = "etc", Action = "DELETED", TransactionId = 7 });
        Assert.Equal(7L, row[FileEventsTable.Spec.IndexOf("transaction_id")]);
        Assert.Null(row[FileEventsTable.Spec.IndexOf("inode")]);
        Assert.Equal(0L, row[FileEventsTable.Spec.IndexOf("hashed")]);
    }
}
