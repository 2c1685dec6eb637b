// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events;
using FarQuery.Events.Inotify;

namespace FarQuery.Tables;

/// <summary>Subscribes to the inotify publisher and turns each <see cref="InotifyEvent"/> into a <c>file_events</c> row
/// through the generated column ordinals (docs/events.md).</summary>
public sealed class FileEventsSubscriber : IEventSubscriber<InotifyEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's <c>file_events</c> buffer.</summary>
    public FileEventsSubscriber(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(FileEventsTable.Spec, InotifyPublisher.PublisherName);
    }

    /// <inheritdoc/>
    public void OnEvent(InotifyEvent e) => buffer.Add(Row(e));

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(InotifyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = new object?[FileEventsTable.Spec.Columns.Count];
        r[FileEventsTable.C.TargetPath] = e.TargetPath;
        r[FileEventsTable.C.Category] = e.Category;
        r[FileEventsTable.C.Action] = e.Action;
        r[FileEventsTable.C.TransactionId] = e.TransactionId;
        r[FileEventsTable.C.Inode] = e.Inode;
        r[FileEventsTable.C.Uid] = e.Uid;
        r[FileEventsTable.C.Gid] = e.Gid;
        r[FileEventsTable.C.Mode] = e.Mode;
        r[FileEventsTable.C.Size] = e.Size;
        r[FileEventsTable.C.Atime] = e.Atime;
        r[FileEventsTable.C.Mtime] = e.Mtime;
        r[FileEventsTable.C.Ctime] = e.Ctime;
        r[FileEventsTable.C.Md5] = e.Md5;
        r[FileEventsTable.C.Sha1] = e.Sha1;
        r[FileEventsTable.C.Sha256] = e.Sha256;
        r[FileEventsTable.C.Hashed] = e.Hashed;
        r[FileEventsTable.C.Pid] = e.Pid;
        r[FileEventsTable.C.Executable] = e.Executable;
        return r;
    }
}
