// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Tracing;

/// <summary>The bounded pid → process map behind <see cref="ProcessLineage"/>, part of the tracer's task table
/// (<see cref="TracedTasks.Lineage"/>). Fed by the tracer's own exec, fork and exit events; exited processes stay until
/// <see cref="MaxExited"/> newer ones exited, so an orphan's row still names the parent that started it. A process the
/// tracer never saw start (FarQuery itself, the app's ancestors) is asked of <c>lookup</c> (the task table, then /proc
/// through ProcFs) once and cached. Used on the tracer thread only (docs/events.md).</summary>
internal sealed class Lineage(Func<long, Lineage.Node?> lookup)
{
    /// <summary>At most this many processes are remembered: a fork bomb cannot grow the agent without bound.</summary>
    private const int Capacity = 8192;

    /// <summary>Exited processes kept for their orphans.</summary>
    private const int MaxExited = 512;

    /// <summary>Falco's proc.aname goes up to 5 ancestors in the stock rules.</summary>
    private const int MaxAncestors = 5;

    private readonly Dictionary<long, Node> nodes = [];
    private readonly Queue<(long Pid, Node Node)> exited = new();
    private Queue<long> order = new();

    // Reused for every event's ancestor list (one thread), so only the resulting string is allocated.
    private readonly StringBuilder names = new();

    /// <summary>Updates the map from a process event and returns the lineage of the event's process (its own name,
    /// command line and parent as the event says, its start as the map knows it).</summary>
    public ProcessLineage OnProcess(ProcessEvent e)
    {
        Node? self = null;
        switch (e.Syscall)
        {
            case "fork" or "vfork" or "clone":
                // A fork inherits the parent's comm, exe and cmdline (the tracer fills them so). The tracer reports the
                // fork as soon as the kernel has created the child, so the event's time is the process's start.
                self = new Node(e.Name, e.Path, e.Cmdline, e.Parent, e.Time);
                Put(e.Pid, self);
                break;
            case "execve" or "execveat":
                // An exec replaces the image, not the process: its start stays that of the fork (Falco's proc.duration
                // counts from the clone). A process whose fork was not seen (the app) is asked of the lookup (/proc).
                self = new Node(e.Name, e.Path, e.Cmdline, e.Parent, Find(e.Pid)?.StartTime);
                Put(e.Pid, self);
                break;
            case "exit" when nodes.TryGetValue(e.Pid, out var gone):
                exited.Enqueue((e.Pid, gone));
                while (exited.Count > MaxExited)
                {
                    var (pid, node) = exited.Dequeue();
                    if (nodes.TryGetValue(pid, out var current) && ReferenceEquals(current, node))
                    {
                        nodes.Remove(pid);
                    }
                }

                break;
        }

        var parent = e.Parent > 0 ? Find(e.Parent) : null;
        return new ProcessLineage(e.Name, e.Cmdline, e.Parent, parent?.Name, parent?.Path, parent?.Cmdline, Ancestors(e.Parent), (self ?? Find(e.Pid))?.StartTime);
    }

    /// <summary>The process and lineage for a socket or file event.</summary>
    public ProcessLineage Describe(long pid)
    {
        var self = Find(pid);
        if (self is null)
        {
            return ProcessLineage.Unknown;
        }

        var parent = self.Parent > 0 ? Find(self.Parent) : null;
        return new ProcessLineage(self.Name, self.Cmdline, self.Parent, parent?.Name, parent?.Path, parent?.Cmdline, Ancestors(self.Parent), self.StartTime);
    }

    private string? Ancestors(long pid)
    {
        var sb = names.Clear();
        for (var i = 0; i < MaxAncestors && pid > 0; i++)
        {
            var node = Find(pid);
            if (node?.Name is null)
            {
                break;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(node.Name);
            pid = node.Parent;
        }

        return sb.Length > 0 ? sb.ToString() : null;
    }

    private Node? Find(long pid)
    {
        if (nodes.TryGetValue(pid, out var node))
        {
            return node;
        }

        node = lookup(pid);
        if (node is not null)
        {
            Put(pid, node);
        }

        return node;
    }

    private void Put(long pid, Node node)
    {
        if (!nodes.ContainsKey(pid))
        {
            order.Enqueue(pid);
        }

        nodes[pid] = node;
        while (nodes.Count > Capacity && order.Count > 0)
        {
            // Oldest insertion first; a pid evicted here and seen again is looked up again or left unknown.
            nodes.Remove(order.Dequeue());
        }

        if (order.Count > 2 * Capacity)
        {
            // Retired exits leave their pids in the queue: drop those now and then, so it stays bounded too.
            order = new Queue<long>(order.Where(nodes.ContainsKey).Distinct());
        }
    }

    /// <summary>One remembered process.</summary>
    /// <param name="Name">Its comm.</param>
    /// <param name="Path">Its executable.</param>
    /// <param name="Cmdline">Its command line.</param>
    /// <param name="Parent">Its parent pid, or -1.</param>
    /// <param name="StartTime">When it started (its fork), UNIX seconds, or null.</param>
    internal sealed record Node(string? Name, string? Path, string? Cmdline, long Parent, long? StartTime = null);
}
