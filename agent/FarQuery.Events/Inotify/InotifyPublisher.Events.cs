// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Inotify;

/// <summary>Event handling: parsing a read buffer, keeping the watch tree in step with directory events, and turning
/// matching events into <c>file_events</c> rows (actions, stat fields, hashes, attribution).</summary>
public sealed partial class InotifyPublisher
{
    // Which action an event gets when several bits are set: the lowest bit first, as osquery walks its mask table.
    private static readonly (uint Bit, string Action)[] Actions =
    [
        (Interop.Libc.IN_ACCESS, "ACCESSED"),
        (Interop.Libc.IN_MODIFY, "UPDATED"),
        (Interop.Libc.IN_ATTRIB, "ATTRIBUTES_MODIFIED"),
        (Interop.Libc.IN_CLOSE_WRITE, "UPDATED"),
        (Interop.Libc.IN_OPEN, "OPENED"),
        (Interop.Libc.IN_MOVED_FROM, "MOVED_FROM"),
        (Interop.Libc.IN_MOVED_TO, "MOVED_TO"),
        (Interop.Libc.IN_CREATE, "CREATED"),
        (Interop.Libc.IN_DELETE, "DELETED"),
    ];

    private readonly List<FimCategory> matched = [];

    /// <summary>Walks the variable-length records of one read (man 7 inotify).</summary>
    private void Process(ReadOnlySpan<byte> data)
    {
        while (InotifyRecords.TryNext(ref data, out var ev, out var name))
        {
            Interlocked.Increment(ref eventsRead);
            Handle(ev, name);
        }
    }

    /// <summary>Handles one event: overflow, a dropped watch, or an entry event (rows, then watch bookkeeping).</summary>
    private void Handle(in Interop.Libc.inotify_event ev, ReadOnlySpan<byte> nameBytes)
    {
        if ((ev.mask & Interop.Libc.IN_Q_OVERFLOW) != 0)
        {
            Rescan();
            return;
        }

        if (!byWd.TryGetValue(ev.wd, out var node))
        {
            // A watch we already dropped (its IN_IGNORED, or events queued before an rm_watch): nothing to report.
            return;
        }

        if ((ev.mask & Interop.Libc.IN_IGNORED) != 0)
        {
            // The directory was deleted or unmounted; the kernel removed the watch.
            RemoveSubtree(node, removeWatches: false);
            return;
        }

        if (nameBytes.IsEmpty)
        {
            // An event on the watched directory itself. Its parent's watch reports the same change with a name, so
            // only bookkeeping is left: an anchor renamed away no longer stands for its configured path.
            if ((ev.mask & Interop.Libc.IN_MOVE_SELF) != 0 && rules.Any(r => ReferenceEquals(r.Anchor, node)))
            {
                RemoveSubtree(node, removeWatches: true);
            }

            return;
        }

        var name = Encoding.UTF8.GetString(nameBytes);
        var isDirectory = (ev.mask & Interop.Libc.IN_ISDIR) != 0;
        string? action = null;
        foreach (var (bit, a) in Actions)
        {
            if ((ev.mask & bit) != 0)
            {
                action = a;
                break;
            }
        }

        if (action is null)
        {
            return;
        }

        var created = (ev.mask & Interop.Libc.IN_CREATE) != 0;
        var gone = (ev.mask & (Interop.Libc.IN_DELETE | Interop.Libc.IN_MOVED_FROM)) != 0;
        if (created && node.Scanned?.Remove(name) == true)
        {
            // Already reported by the scan of this new directory, which ran after the file was created.
        }
        else
        {
            if (gone)
            {
                node.Scanned?.Remove(name);
            }

            Report(node, name, action, ev.cookie, isDirectory);
        }

        if (!isDirectory)
        {
            return;
        }

        if (gone)
        {
            // Deleted: its watch is gone already. Moved: the tree lives elsewhere now; its watches are re-added under the
            // new name by the matching IN_MOVED_TO if it stays inside a watched tree.
            if (node.Children?.TryGetValue(name, out var child) == true)
            {
                RemoveSubtree(child, removeWatches: (ev.mask & Interop.Libc.IN_MOVED_FROM) != 0);
            }
        }
        else if ((ev.mask & (Interop.Libc.IN_CREATE | Interop.Libc.IN_MOVED_TO)) != 0)
        {
            var childRules = SubdirectoryRules(node, name);
            if (childRules.Length > 0)
            {
                var child = node.Child(name);
                MergeRules(child, childRules);
                var isNew = child.Wd < 0;

                // Files can land in a new directory before our watch does; the walk reports those as CREATED. A tree
                // moved in keeps its old entries, which were not created, so only its watches are added.
                if (TryWatch(child, anchor: false))
                {
                    Walk(child, emitForNew: created, startIsNew: isNew);
                }
            }
        }
    }

    /// <summary>Publishes one event per category whose patterns match the entry <paramref name="name"/> of
    /// <paramref name="node"/>, unless excluded.</summary>
    private void Report(WatchNode node, string name, string action, uint cookie, bool isDirectory)
    {
        var isAccess = action is "OPENED" or "ACCESSED";
        matched.Clear();
        foreach (var r in node.Rules)
        {
            if ((!isAccess || r.Category.Accesses) && !matched.Contains(r.Category) && r.Pattern.ChildMatches(node.Depth, name))
            {
                matched.Add(r.Category);
            }
        }

        if (matched.Count == 0)
        {
            return;
        }

        var path = node.ChildPath(name);
        string[]? components = null;
        var gone = action is "DELETED" or "MOVED_FROM";
        if (gone)
        {
            hasher.Forget(path);
        }

        var statDone = false;
        var hasStat = false;
        FileStat stat = default;
        var hashState = int.MinValue;
        FileHasher.Hashes hashes = default;
        var recent = Context.Services.Get<RecentWrites>();
        foreach (var category in matched)
        {
            if (category.Excludes.Count > 0)
            {
                components ??= path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (category.IsExcluded(components))
                {
                    continue;
                }
            }

            if (!statDone)
            {
                statDone = true;

                // The path of a DELETED or MOVED_FROM entry is gone (or is already another file): no stat fields.
                hasStat = !gone && FileStat.TryRead(path, out stat);
            }

            // Hashes only for CREATED/UPDATED regular files, and never for file_accesses categories: reading the file
            // would raise OPENED/ACCESSED events of its own (docs/osquery-compat.md §1 notes).
            var hashed = 0;
            if (!category.Accesses && action is "CREATED" or "UPDATED" && hasStat && stat.IsRegular && !isDirectory)
            {
                if (hashState == int.MinValue)
                {
                    hashState = hasher.TryHash(path, stat, out hashes);
                    if (hashState == 0)
                    {
                        statusDirty = true;
                    }
                }

                hashed = hashState;
            }

            long? pid = null;
            string? exe = null;
            if (recent is not null && recent.TryFind(path, out var writer, out var writerExe))
            {
                (pid, exe) = (writer, writerExe);
            }

            Publish(new InotifyEvent
            {
                TargetPath = path,
                Category = category.Name,
                Action = action,
                TransactionId = cookie,
                Inode = hasStat ? stat.Inode : null,
                Uid = hasStat ? stat.Uid : null,
                Gid = hasStat ? stat.Gid : null,
                Mode = hasStat ? stat.Permissions : null,
                Size = hasStat ? stat.Size : null,
                Atime = hasStat ? stat.Atime : null,
                Mtime = hasStat ? stat.Mtime : null,
                Ctime = hasStat ? stat.Ctime : null,
                Hashed = hashed,
                Md5 = hashed == 1 ? hashes.Md5 : hashed == -1 ? "" : null,
                Sha1 = hashed == 1 ? hashes.Sha1 : hashed == -1 ? "" : null,
                Sha256 = hashed == 1 ? hashes.Sha256 : hashed == -1 ? "" : null,
                Pid = pid,
                Executable = exe,
            });
        }
    }
}
