// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Turns the tracer's events into rows of process_events, socket_events and process_file_events, in the
/// buffers of one <see cref="TableContext"/>. The tracer lives below the tables (FarQuery.Events), so the mapping to
/// column ordinals lives here. It also keeps the lineage Falco's rules key on (proc.pname, proc.pcmdline, proc.aname[n]):
/// a bounded pid → (name, path, cmdline, parent) map fed by exec, fork and exit events, so a row can name the parent and
/// ancestors even after they exited.</summary>
public sealed class TracerSink : ITraceSink
{
    private readonly EventBuffer processes;
    private readonly EventBuffer sockets;
    private readonly EventBuffer files;
    private readonly Lineage lineage = new();

    /// <summary>Binds to the context's event buffers.</summary>
    public TracerSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        processes = context.Events.Buffer(ProcessEventsTable.Spec, ProcessEventsTable.Publisher);
        sockets = context.Events.Buffer(SocketEventsTable.Spec, SocketEventsTable.Publisher);
        files = context.Events.Buffer(ProcessFileEventsTable.Spec, ProcessFileEventsTable.Publisher);
    }

    /// <inheritdoc/>
    public void OnProcess(ProcessEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = new object?[ProcessEventsTable.Spec.Columns.Count];
        r[ProcessEventsTable.C.Pid] = e.Pid;
        r[ProcessEventsTable.C.Path] = e.Path;
        r[ProcessEventsTable.C.Mode] = e.Mode;
        r[ProcessEventsTable.C.Cmdline] = e.Cmdline;
        r[ProcessEventsTable.C.CmdlineSize] = e.CmdlineSize;
        r[ProcessEventsTable.C.Env] = e.Env;
        r[ProcessEventsTable.C.EnvCount] = e.EnvCount;
        r[ProcessEventsTable.C.EnvSize] = e.EnvSize;
        r[ProcessEventsTable.C.Cwd] = e.Cwd;
        r[ProcessEventsTable.C.Auid] = e.Auid;
        ProcessIdColumns.Write(r, e.Ids);
        r[ProcessEventsTable.C.Parent] = e.Parent;
        r[ProcessEventsTable.C.Time] = e.Time;
        r[ProcessEventsTable.C.Uptime] = e.Uptime;
        r[ProcessEventsTable.C.Syscall] = e.Syscall;
        r[ProcessEventsTable.C.Name] = e.Name;
        r[ProcessEventsTable.C.Tid] = e.Tid;
        r[ProcessEventsTable.C.ExecPath] = e.ExecPath;
        r[ProcessEventsTable.C.ExitCode] = e.ExitCode;
        r[ProcessEventsTable.C.Signal] = e.Signal;
        r[ProcessEventsTable.C.Detail] = e.Detail;
        r[ProcessEventsTable.C.Status] = e.Status;
        r[ProcessEventsTable.C.Result] = e.Result;
        var parent = lineage.OnProcess(e);
        r[ProcessEventsTable.C.ParentName] = parent.Name;
        r[ProcessEventsTable.C.ParentPath] = parent.Path;
        r[ProcessEventsTable.C.ParentCmdline] = parent.Cmdline;
        r[ProcessEventsTable.C.Ancestors] = parent.Ancestors;
        processes.Add(r);
    }

    /// <inheritdoc/>
    public void OnSocket(SocketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = new object?[SocketEventsTable.Spec.Columns.Count];
        r[SocketEventsTable.C.Action] = e.Action;
        r[SocketEventsTable.C.Pid] = e.Pid;
        r[SocketEventsTable.C.Path] = e.Path;
        r[SocketEventsTable.C.Fd] = e.Fd?.ToString(CultureInfo.InvariantCulture);
        r[SocketEventsTable.C.Family] = e.Family;
        r[SocketEventsTable.C.Protocol] = e.Protocol;
        r[SocketEventsTable.C.LocalAddress] = e.LocalAddress;
        r[SocketEventsTable.C.RemoteAddress] = e.RemoteAddress;
        r[SocketEventsTable.C.LocalPort] = e.LocalPort;
        r[SocketEventsTable.C.RemotePort] = e.RemotePort;
        r[SocketEventsTable.C.Socket] = e.Socket;
        r[SocketEventsTable.C.Time] = e.Time;
        r[SocketEventsTable.C.Uptime] = e.Uptime;
        r[SocketEventsTable.C.Success] = e.Status is "succeeded" or "in_progress" ? 1L : 0L;
        r[SocketEventsTable.C.Status] = e.Status;
        r[SocketEventsTable.C.Syscall] = e.Syscall;
        r[SocketEventsTable.C.Tid] = e.Tid;
        r[SocketEventsTable.C.Result] = e.Result;
        SocketLineage.Write(r, lineage.Describe(e.Pid));
        sockets.Add(r);
    }

    /// <inheritdoc/>
    public void OnFile(FileEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = new object?[ProcessFileEventsTable.Spec.Columns.Count];
        r[ProcessFileEventsTable.C.Operation] = e.Operation;
        r[ProcessFileEventsTable.C.Pid] = e.Pid;
        r[ProcessFileEventsTable.C.Ppid] = e.Ppid;
        r[ProcessFileEventsTable.C.Time] = e.Time;
        r[ProcessFileEventsTable.C.Executable] = e.Executable;
        r[ProcessFileEventsTable.C.Partial] = e.Path is null ? "true" : "false";
        r[ProcessFileEventsTable.C.Cwd] = e.Cwd;
        r[ProcessFileEventsTable.C.Path] = e.Path;
        r[ProcessFileEventsTable.C.DestPath] = e.DestPath;
        r[ProcessFileEventsTable.C.Auid] = e.Auid;
        FileIdColumns.Write(r, e.Ids);
        r[ProcessFileEventsTable.C.Uptime] = e.Uptime;
        r[ProcessFileEventsTable.C.PathRaw] = e.PathRaw;
        r[ProcessFileEventsTable.C.Syscall] = e.Syscall;
        r[ProcessFileEventsTable.C.Flags] = e.Flags;
        r[ProcessFileEventsTable.C.Mode] = e.Mode;
        r[ProcessFileEventsTable.C.Status] = e.Status;
        r[ProcessFileEventsTable.C.Result] = e.Result;
        r[ProcessFileEventsTable.C.Tid] = e.Tid;
        FileLineage.Write(r, lineage.Describe(e.Pid));
        files.Add(r);
    }

    private static readonly IdColumns ProcessIdColumns = new(
        ProcessEventsTable.C.Uid, ProcessEventsTable.C.Euid, ProcessEventsTable.C.Gid, ProcessEventsTable.C.Egid,
        ProcessEventsTable.C.Fsuid, ProcessEventsTable.C.Suid, ProcessEventsTable.C.Fsgid, ProcessEventsTable.C.Sgid);

    private static readonly IdColumns FileIdColumns = new(
        ProcessFileEventsTable.C.Uid, ProcessFileEventsTable.C.Euid, ProcessFileEventsTable.C.Gid, ProcessFileEventsTable.C.Egid,
        ProcessFileEventsTable.C.Fsuid, ProcessFileEventsTable.C.Suid, ProcessFileEventsTable.C.Fsgid, ProcessFileEventsTable.C.Sgid);

    private static readonly LineageColumns SocketLineage = new(
        SocketEventsTable.C.Name, SocketEventsTable.C.Cmdline, SocketEventsTable.C.Parent, SocketEventsTable.C.ParentName,
        SocketEventsTable.C.ParentPath, SocketEventsTable.C.ParentCmdline, SocketEventsTable.C.Ancestors);

    // process_file_events has osquery's ppid (from the event itself), not a lineage parent column.
    private static readonly LineageColumns FileLineage = new(
        ProcessFileEventsTable.C.Name, ProcessFileEventsTable.C.Cmdline, -1, ProcessFileEventsTable.C.ParentName,
        ProcessFileEventsTable.C.ParentPath, ProcessFileEventsTable.C.ParentCmdline, ProcessFileEventsTable.C.Ancestors);

    /// <summary>Where one table keeps the eight credentials; the tracer's -1 (unreadable) becomes NULL.</summary>
    private readonly record struct IdColumns(int Uid, int Euid, int Gid, int Egid, int Fsuid, int Suid, int Fsgid, int Sgid)
    {
        public void Write(object?[] r, ProcessIds ids)
        {
            r[Uid] = Id(ids.Uid);
            r[Euid] = Id(ids.Euid);
            r[Gid] = Id(ids.Gid);
            r[Egid] = Id(ids.Egid);
            r[Fsuid] = Id(ids.Fsuid);
            r[Suid] = Id(ids.Suid);
            r[Fsgid] = Id(ids.Fsgid);
            r[Sgid] = Id(ids.Sgid);
        }

        private static long? Id(long id) => id >= 0 ? id : null;
    }

    /// <summary>Where a socket or file table keeps its process's name and lineage; -1 for a column it does not have.</summary>
    private readonly record struct LineageColumns(int Name, int Cmdline, int Parent, int ParentName, int ParentPath, int ParentCmdline, int Ancestors)
    {
        public void Write(object?[] r, SelfInfo self)
        {
            r[Name] = self.Name;
            r[Cmdline] = self.Cmdline;
            if (Parent >= 0)
            {
                r[Parent] = self.Parent;
            }

            r[ParentName] = self.ParentName;
            r[ParentPath] = self.ParentPath;
            r[ParentCmdline] = self.ParentCmdline;
            r[Ancestors] = self.Ancestors;
        }
    }

    /// <summary>What a row says about its process's lineage.</summary>
    private readonly record struct ParentInfo(string? Name, string? Path, string? Cmdline, string? Ancestors);

    /// <summary>What a socket or file row says about its process and its lineage.</summary>
    private readonly record struct SelfInfo(string? Name, string? Cmdline, long Parent, string? ParentName, string? ParentPath, string? ParentCmdline, string? Ancestors);

    /// <summary>The bounded pid → process map. Exited processes stay until <see cref="MaxExited"/> newer ones exited, so
    /// an orphan's row still names the parent that started it; processes the tracer never saw start (the agent itself,
    /// the app's ancestors) are read once from /proc and cached. Called on the tracer thread, but locked because the
    /// in-process tests may feed it from elsewhere.</summary>
    private sealed class Lineage
    {
        /// <summary>At most this many processes are remembered: a fork bomb cannot grow the agent without bound.</summary>
        private const int Capacity = 8192;

        /// <summary>Exited processes kept for their orphans.</summary>
        private const int MaxExited = 512;

        /// <summary>Falco's proc.aname goes up to 5 ancestors in the stock rules.</summary>
        private const int MaxAncestors = 5;

        private readonly Lock gate = new();
        private readonly Dictionary<long, Node> nodes = [];
        private readonly Queue<(long Pid, Node Node)> exited = new();
        private Queue<long> order = new();

        /// <summary>Updates the map from a process event and returns the lineage of the event's process.</summary>
        public ParentInfo OnProcess(ProcessEvent e)
        {
            lock (gate)
            {
                switch (e.Syscall)
                {
                    case "fork" or "vfork" or "clone" or "execve" or "execveat":
                        // A fork inherits the parent's comm, exe and cmdline (the tracer fills them so); an exec replaces them.
                        Put(e.Pid, new Node(e.Name, e.Path, e.Cmdline, e.Parent));
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
                return new ParentInfo(parent?.Name, parent?.Path, parent?.Cmdline, Ancestors(e.Parent));
            }
        }

        /// <summary>The process and lineage for a socket or file row.</summary>
        public SelfInfo Describe(long pid)
        {
            lock (gate)
            {
                var self = Find(pid);
                if (self is null)
                {
                    return new SelfInfo(null, null, -1, null, null, null, null);
                }

                var parent = self.Parent > 0 ? Find(self.Parent) : null;
                return new SelfInfo(self.Name, self.Cmdline, self.Parent, parent?.Name, parent?.Path, parent?.Cmdline, Ancestors(self.Parent));
            }
        }

        private string? Ancestors(long pid)
        {
            var sb = new StringBuilder();
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

            node = ReadProc(pid);
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
                // Oldest insertion first; a pid evicted here and seen again is re-read from /proc or left unknown.
                nodes.Remove(order.Dequeue());
            }

            if (order.Count > 2 * Capacity)
            {
                // Retired exits leave their pids in the queue: drop those now and then, so it stays bounded too.
                order = new Queue<long>(order.Where(nodes.ContainsKey).Distinct());
            }
        }

        /// <summary>A process the tracer never saw start (FarQuery itself, its parent, PID 1): its comm, exe, cmdline and
        /// parent from /proc; null when it is gone (ENOENT is the expected race, not an error).</summary>
        private static Node? ReadProc(long pid)
        {
            var dir = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/";
            try
            {
                var name = File.ReadAllText(dir + "comm").TrimEnd('\n');
                var cmdline = File.ReadAllText(dir + "cmdline").TrimEnd('\0').Replace('\0', ' ');
                string? path = null;
                try
                {
                    path = new FileInfo(dir + "exe").LinkTarget;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's process: the exe link is unreadable, the rest is still useful.
                }

                return new Node(name, path, cmdline.Length > 0 ? cmdline : null, ParentOf(File.ReadAllText(dir + "stat")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Field 4 of /proc/pid/stat, after the parenthesised comm (which may itself hold spaces and ')').</summary>
        private static long ParentOf(string stat)
        {
            var close = stat.LastIndexOf(')');
            var fields = close >= 0 ? stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return fields.Length > 1 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppid) ? ppid : -1;
        }

        private sealed record Node(string? Name, string? Path, string? Cmdline, long Parent);
    }
}
