// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Tables;

/// <summary>Subscribes to the inotify publisher and turns each <see cref="InotifyEvent"/> into a <c>file_events</c> row
/// through the generated typed row (docs/events.md).</summary>
public sealed class FileEventsSubscriber(TableContext context)
    : EventSubscriberBase<InotifyEvent>(context, FileEventsTable.Spec, InotifyPublisher.PublisherName)
{
    /// <inheritdoc/>
    protected override object?[] ToRow(InotifyEvent e) => Row(e);

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(InotifyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = FileEventsTable.NewRow();
        r.TargetPath = e.TargetPath;
        r.Category = e.Category;
        r.Action = e.Action;
        r.TransactionId = e.TransactionId;
        r.Inode = e.Inode;
        r.Uid = e.Uid;
        r.Gid = e.Gid;
        r.Mode = e.Mode;
        r.Size = e.Size;
        r.Atime = e.Atime;
        r.Mtime = e.Mtime;
        r.Ctime = e.Ctime;
        r.Md5 = e.Md5;
        r.Sha1 = e.Sha1;
        r.Sha256 = e.Sha256;
        r.Hashed = e.Hashed;
        r.Pid = e.Pid;
        r.Executable = e.Executable;
        return r;
    }
}
