// SPDX-License-Identifier: Apache-2.0
using System.IO.Enumeration;

namespace FarQuery.Events.Inotify;

/// <summary>The watch tree: compiling the configuration into rules, deciding which directories need a watch, adding
/// and dropping watches, and rescanning after a queue overflow.</summary>
public sealed partial class InotifyPublisher
{
    // osquery's default mask (docs/osquery-compat.md §1 notes); OPEN|ACCESS only where a file_accesses category can match.
    private const uint DefaultMask = Interop.Libc.IN_MOVED_TO | Interop.Libc.IN_MOVED_FROM | Interop.Libc.IN_MODIFY |
        Interop.Libc.IN_DELETE | Interop.Libc.IN_CREATE | Interop.Libc.IN_CLOSE_WRITE | Interop.Libc.IN_ATTRIB | Interop.Libc.IN_MOVE_SELF;

    private const uint AccessMask = Interop.Libc.IN_OPEN | Interop.Libc.IN_ACCESS;

    private static readonly EnumerationOptions ListOptions = new()
    {
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
        AttributesToSkip = 0,
    };

    private readonly List<FimRule> rules = [];
    private readonly WatchNode root = new();
    private readonly Dictionary<int, WatchNode> byWd = [];
    private readonly List<WatchNode> scannedNodes = [];

    /// <summary>Turns the configuration into rules and categories; bad patterns and unknown categories become problems.</summary>
    private void CompileRules()
    {
        var categories = new Dictionary<string, FimCategory>(StringComparer.Ordinal);
        foreach (var (name, patterns) in config.FilePaths)
        {
            var category = new FimCategory(name, config.FileAccesses.Contains(name));
            categories.Add(name, category);
            foreach (var text in patterns)
            {
                if (FimPattern.TryParse(text, partialWildcards: true, out var pattern, out var error))
                {
                    rules.Add(new FimRule(pattern!, category));
                }
                else
                {
                    AddProblem("pattern:" + name + ":" + text, $"file_paths '{name}': {error}; skipped");
                }
            }
        }

        foreach (var (name, patterns) in config.ExcludePaths)
        {
            if (!categories.TryGetValue(name, out var category))
            {
                AddProblem("exclude:" + name, $"exclude_paths category '{name}' is not in file_paths; ignored");
                continue;
            }

            foreach (var text in patterns)
            {
                if (FimPattern.TryParse(text, partialWildcards: false, out var pattern, out var error))
                {
                    category.Excludes.Add(pattern!);
                }
                else
                {
                    AddProblem("exclude:" + name + ":" + text, $"exclude_paths '{name}': {error}; skipped");
                }
            }
        }

        foreach (var name in config.FileAccesses)
        {
            if (!categories.ContainsKey(name))
            {
                AddProblem("accesses:" + name, $"file_accesses category '{name}' is not in file_paths; ignored");
            }
        }
    }

    /// <summary>Watches a rule's base directory, or its nearest existing ancestor when the base does not exist yet
    /// (the missing part is picked up as it is created), then everything below that the rule needs.</summary>
    private void EnsureRule(FimRule rule, bool emitForNew)
    {
        var depth = rule.BaseDepth;
        while (depth > 0 && !Directory.Exists(rule.Pattern.PrefixPath(depth)))
        {
            depth--;
        }

        var node = root;
        for (var i = 0; i < depth; i++)
        {
            node = node.Child(rule.Pattern.Parts[i].Text);
        }

        rule.Anchor = node;
        MergeRules(node, [rule]);
        var isNew = node.Wd < 0;
        if (TryWatch(node, anchor: true))
        {
            Walk(node, emitForNew, startIsNew: isNew && emitForNew);
        }

        statusDirty = true;
    }

    /// <summary>The rules for which sub-directory <paramref name="name"/> of <paramref name="parent"/> needs a watch.</summary>
    private FimRule[] SubdirectoryRules(WatchNode parent, string name)
    {
        List<FimRule>? result = null;
        string[]? components = null;
        foreach (var rule in parent.Rules)
        {
            if (!rule.Pattern.SubdirectoryNeedsWatch(parent.Depth, name))
            {
                continue;
            }

            if (rule.Category.Excludes.Count > 0)
            {
                // A directory whose whole subtree is excluded for this category costs no watch.
                components ??= parent.ChildPath(name).Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (rule.Category.ExcludesEverythingBelow(components))
                {
                    continue;
                }
            }

            (result ??= []).Add(rule);
        }

        return result is null ? [] : [.. result];
    }

    /// <summary>Adds rules to a node's list, keeping it duplicate-free.</summary>
    private static void MergeRules(WatchNode node, FimRule[] add)
    {
        if (node.Rules.Length == 0)
        {
            node.Rules = add;
            return;
        }

        var merged = new List<FimRule>(node.Rules);
        foreach (var r in add)
        {
            if (!merged.Contains(r))
            {
                merged.Add(r);
            }
        }

        node.Rules = [.. merged];
    }

    /// <summary>The default mask, plus OPEN|ACCESS where a file_accesses category can match an entry.</summary>
    private uint MaskFor(WatchNode node)
    {
        var mask = DefaultMask;
        foreach (var r in node.Rules)
        {
            if (r.Category.Accesses && r.Pattern.CanMatchChildren(node.Depth))
            {
                mask |= AccessMask;
            }
        }

        return mask;
    }

    /// <summary>Adds (or widens) the watch of a node. False when it could not be watched; the reason is counted and
    /// reported, except for the expected race of a directory deleted before we got to it.</summary>
    private unsafe bool TryWatch(WatchNode node, bool anchor)
    {
        var mask = MaskFor(node);
        if (node.Wd >= 0 && (node.Mask & mask) == mask)
        {
            CountTargets(node, +1, onlyNew: true);
            return true;
        }

        if (node.Wd < 0 && WatchCount >= maxWatches)
        {
            Interlocked.Increment(ref unwatched);
            AddProblem("limit", $"watch limit reached ({maxWatches}, from {(config.MaxWatches > 0 ? "the configuration" : "/proc/sys/fs/inotify/max_user_watches")}): {Unwatched} directories not watched, e.g. {node.Path}");
            return false;
        }

        var path = node.Path;
        var utf8 = Interop.CString.ToCString(path, stackalloc byte[Interop.CString.StackBytes]);

        // IN_MASK_ADD: the same inode reached by two paths keeps the union of both masks. Discovered directories are
        // not followed through symlinks (a symlink loop or a link out of the tree must not be watched).
        var flags = Interop.Libc.IN_ONLYDIR | Interop.Libc.IN_MASK_ADD | (anchor ? 0 : Interop.Libc.IN_DONT_FOLLOW);
        int wd;
        fixed (byte* p = utf8)
        {
            wd = Interop.Libc.inotify_add_watch(handle!.Fd, p, mask | flags);
        }

        var errno = wd < 0 ? Interop.LastErrno : Interop.Errno.SUCCESS;

        if (wd < 0)
        {
            switch (errno)
            {
                case Interop.Errno.ENOENT or Interop.Errno.ENOTDIR:
                    // Deleted or replaced by a file since we listed it: nothing to watch, not an error.
                    return false;
                case Interop.Errno.EACCES or Interop.Errno.EPERM:
                    Interlocked.Increment(ref unwatched);
                    AddProblem("perm:" + path, $"permission denied watching {path}; its events are not reported");
                    return false;
                case Interop.Errno.ENOSPC:
                    Interlocked.Increment(ref unwatched);
                    AddProblem("limit", $"kernel watch limit reached (/proc/sys/fs/inotify/max_user_watches, shared by every inotify user of this uid): {Unwatched} directories not watched, e.g. {path}");
                    return false;
                default:
                    Interlocked.Increment(ref unwatched);
                    AddProblem("watch:" + path, $"cannot watch {path}: {errno}");
                    return false;
            }
        }

        if (byWd.TryGetValue(wd, out var other) && !ReferenceEquals(other, node))
        {
            if (other.IsAttached)
            {
                // Same inode under two paths (a symlinked base): the kernel has one watch, reported under the first path.
                AddProblem("alias:" + path, $"{path} is the same directory as {other.Path}; its events are reported under {other.Path}");
                return false;
            }

            RemoveSubtree(other, removeWatches: false);
        }

        var isNew = node.Wd < 0;
        node.Wd = wd;
        node.Mask |= mask;
        if (isNew)
        {
            byWd[wd] = node;
            Interlocked.Increment(ref watchCount);
            CountTargets(node, +1, onlyNew: false);
        }
        else
        {
            CountTargets(node, +1, onlyNew: true);
        }

        statusDirty = true;
        return true;
    }

    /// <summary>Keeps <see cref="FimRule.TargetDirs"/> in step with watches. <paramref name="onlyNew"/> counts only rules
    /// merged into an already watched node since it was last counted.</summary>
    private static void CountTargets(WatchNode node, int delta, bool onlyNew)
    {
        foreach (var r in node.Rules)
        {
            if (!r.Pattern.CanMatchChildren(node.Depth))
            {
                continue;
            }

            if (onlyNew)
            {
                if (r.CountedNodes.Add(node))
                {
                    r.TargetDirs += delta;
                }
            }
            else if (delta > 0 ? r.CountedNodes.Add(node) : r.CountedNodes.Remove(node))
            {
                r.TargetDirs += delta;
            }
        }
    }

    /// <summary>Watches every directory below <paramref name="start"/> that a rule needs. With
    /// <paramref name="emitForNew"/>, the entries of directories watched for the first time are reported as CREATED:
    /// they appeared before the watch existed (a new directory filled at once, or a tree created during an overflow).</summary>
    private void Walk(WatchNode start, bool emitForNew, bool startIsNew)
    {
        var stack = new Stack<(WatchNode Node, bool IsNew)>();
        stack.Push((start, startIsNew));
        while (stack.Count > 0 && !IsStopping)
        {
            var (node, isNew) = stack.Pop();
            if (node.Wd < 0)
            {
                continue;
            }

            foreach (var (name, isDirectory) in List(node.Path))
            {
                if (isNew && emitForNew)
                {
                    if (node.Scanned is null)
                    {
                        node.Scanned = new HashSet<string>(StringComparer.Ordinal);
                        scannedNodes.Add(node);
                    }

                    node.ScanRead = reads;
                    node.Scanned.Add(name);

                    Report(node, name, "CREATED", 0, isDirectory);
                }

                if (!isDirectory)
                {
                    continue;
                }

                var childRules = SubdirectoryRules(node, name);
                if (childRules.Length == 0)
                {
                    continue;
                }

                var child = node.Child(name);
                MergeRules(child, childRules);
                var wasWatched = child.Wd >= 0;
                if (TryWatch(child, anchor: false))
                {
                    stack.Push((child, !wasWatched));
                }
            }
        }
    }

    /// <summary>The entries of a directory, with whether each is a real directory (not a symlink to one).</summary>
    private static List<(string Name, bool IsDirectory)> List(string path)
    {
        try
        {
            // Directories reached through a symlink are not descended into (FileSystemEntry reports the link as a
            // reparse point), so a link cannot pull an unrelated tree or a loop into the watch set.
            return [.. new FileSystemEnumerable<(string, bool)>(
                path,
                static (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0),
                ListOptions)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Deleted or unreadable since it was watched: the IN_IGNORED or the permission problem tells the rest.
            return [];
        }
    }

    /// <summary>Forgets a directory and everything below it; <paramref name="removeWatches"/> also tells the kernel
    /// (needed when the tree still exists, e.g. moved out; a deleted directory's watch is gone already). Rules anchored
    /// inside are re-anchored on the nearest existing ancestor.</summary>
    private void RemoveSubtree(WatchNode top, bool removeWatches)
    {
        var reanchor = new List<FimRule>();
        var stack = new Stack<WatchNode>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Children is { } children)
            {
                foreach (var c in children.Values)
                {
                    stack.Push(c);
                }
            }

            if (node.Wd >= 0)
            {
                if (byWd.TryGetValue(node.Wd, out var same) && ReferenceEquals(same, node))
                {
                    byWd.Remove(node.Wd);
                }

                if (removeWatches)
                {
                    // EINVAL when the kernel already dropped it (deleted meanwhile): nothing left to do either way.
                    Interop.Libc.inotify_rm_watch(handle!.Fd, node.Wd);
                }

                node.Wd = -1;
                Interlocked.Decrement(ref watchCount);
                CountTargets(node, -1, onlyNew: false);
            }

            foreach (var r in rules)
            {
                if (ReferenceEquals(r.Anchor, node))
                {
                    reanchor.Add(r);
                }
            }
        }

        top.Detach();
        statusDirty = true;
        foreach (var r in reanchor)
        {
            r.Anchor = null;
            EnsureRule(r, emitForNew: true);
        }
    }

    /// <summary>After IN_Q_OVERFLOW nothing is known about what happened, in every tree: drop watches of directories
    /// that are gone, re-anchor rules, and walk every tree again, reporting the entries of directories that appeared.</summary>
    private void Rescan()
    {
        CountOverflow();
        foreach (var node in byWd.Values.ToList())
        {
            if (node.Wd >= 0 && node.IsAttached && !Directory.Exists(node.Path))
            {
                RemoveSubtree(node, removeWatches: true);
            }
        }

        var anchors = new HashSet<WatchNode>(ReferenceEqualityComparer.Instance);
        foreach (var r in rules)
        {
            if (r.Anchor is null || !r.Anchor.IsAttached || r.Anchor.Wd < 0)
            {
                EnsureRule(r, emitForNew: true);
            }
            else if (anchors.Add(r.Anchor))
            {
                Walk(r.Anchor, emitForNew: true, startIsNew: false);
            }
        }

        Interlocked.Increment(ref rescans);
        AddProblem("overflow", $"inotify queue overflowed {Overflows} times (events were lost; raise /proc/sys/fs/inotify/max_queued_events); every tree was rescanned {Rescans} times");
    }

    /// <summary>Drops the scan bookkeeping of directories scanned before read number <paramref name="read"/> began:
    /// that read drained the queue, so it returned every IN_CREATE such a scan could have raced with. Scans made while
    /// handling that very read may still race with events queued after it, so they wait for the next drained read.</summary>
    private void ForgetScans(long read)
    {
        scannedNodes.RemoveAll(n =>
        {
            if (n.ScanRead >= read)
            {
                return false;
            }

            n.Scanned = null;
            return true;
        });
    }

    /// <summary>Per-rule state turned into status lines: a base that does not exist yet, a glob matching nothing.</summary>
    private IEnumerable<string> RuleProblems()
    {
        foreach (var r in rules)
        {
            var where = $"file_paths '{r.Category.Name}' {r.Pattern.Text}";
            var anchor = r.Anchor;
            var anchorText = anchor is { Wd: >= 0 } ? anchor.Path : "nothing (see the other problems)";
            if (r.TargetDirs > 0)
            {
                if (r.Pattern.LeafOrChildren && r.Pattern.LiteralPrefix == r.Pattern.Parts.Length && !Path.Exists(r.Pattern.PrefixPath(r.Pattern.Parts.Length)))
                {
                    yield return $"{where}: does not exist yet (its directory is watched)";
                }

                continue;
            }

            if (r.BaseDepth > 0 && !Directory.Exists(r.Pattern.PrefixPath(r.BaseDepth)))
            {
                yield return $"{where}: {r.Pattern.PrefixPath(r.BaseDepth)} does not exist yet; watching {anchorText} until it appears";
            }
            else
            {
                yield return $"{where}: matches nothing yet; watching {anchorText} for matches";
            }
        }
    }
}
