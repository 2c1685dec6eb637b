// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Inotify;

/// <summary>A directory in the publisher's tree: watched (it has a watch descriptor) or only on the way to one. Paths
/// are not stored but rebuilt from the parent chain, which keeps 100k watches small.</summary>
internal sealed class WatchNode
{
    /// <summary>Creates the root ("/").</summary>
    public WatchNode()
    {
        Name = "";
    }

    private WatchNode(WatchNode parent, string name)
    {
        Parent = parent;
        Name = name;
        Depth = parent.Depth + 1;
    }

    /// <summary>The parent; null for the root.</summary>
    public WatchNode? Parent { get; private set; }

    /// <summary>The entry name in the parent.</summary>
    public string Name { get; }

    /// <summary>Number of path components.</summary>
    public int Depth { get; }

    /// <summary>The watch descriptor, or -1.</summary>
    public int Wd { get; set; } = -1;

    /// <summary>The event mask the watch was added with.</summary>
    public uint Mask { get; set; }

    /// <summary>Rules whose prefix this directory matches and that need it watched.</summary>
    public FimRule[] Rules { get; set; } = [];

    /// <summary>Child directories in the tree (watched or on the way to one).</summary>
    public Dictionary<string, WatchNode>? Children { get; private set; }

    /// <summary>Entry names reported as CREATED by a scan of this newly watched directory; their IN_CREATE may still be
    /// queued, and must not be reported twice. Cleared once the inotify queue has been drained.</summary>
    public HashSet<string>? Scanned { get; set; }

    /// <summary>The number of the read during whose handling <see cref="Scanned"/> was last filled.</summary>
    public long ScanRead { get; set; }

    /// <summary>True while the node is reachable from the root.</summary>
    public bool IsAttached
    {
        get
        {
            var n = this;
            while (n.Parent is not null)
            {
                if (n.Parent.Children is null || !n.Parent.Children.TryGetValue(n.Name, out var same) || !ReferenceEquals(same, n))
                {
                    return false;
                }

                n = n.Parent;
            }

            return true;
        }
    }

    /// <summary>The child named <paramref name="name"/>, created when missing.</summary>
    public WatchNode Child(string name)
    {
        Children ??= new Dictionary<string, WatchNode>(StringComparer.Ordinal);
        if (!Children.TryGetValue(name, out var child))
        {
            child = new WatchNode(this, name);
            Children.Add(name, child);
        }

        return child;
    }

    /// <summary>Removes this node from its parent.</summary>
    public void Detach()
    {
        if (Parent?.Children is { } siblings && siblings.TryGetValue(Name, out var same) && ReferenceEquals(same, this))
        {
            siblings.Remove(Name);
        }
    }

    /// <summary>The absolute path.</summary>
    public string Path => Depth == 0 ? "/" : Append(new StringBuilder(), this).ToString();

    /// <summary>The absolute path of the entry <paramref name="name"/> inside this directory.</summary>
    public string ChildPath(string name) => Depth == 0 ? "/" + name : Append(new StringBuilder(), this).Append('/').Append(name).ToString();

    private static StringBuilder Append(StringBuilder sb, WatchNode node)
    {
        if (node.Parent is not null)
        {
            Append(sb, node.Parent);
            sb.Append('/').Append(node.Name);
        }

        return sb;
    }
}
