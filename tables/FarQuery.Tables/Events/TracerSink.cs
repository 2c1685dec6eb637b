// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Turns the tracer's events into rows of process_events, socket_events and process_file_events, in the
/// buffers of one <see cref="TableContext"/>. The tracer lives below the tables (FarQuery.Events), so the mapping to
/// column ordinals lives here.</summary>
public sealed class TracerSink : ITraceSink
{
    private readonly EventBuffer processes;
    private readonly EventBuffer sockets;
    private readonly EventBuffer files;

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
        r[ProcessEventsTable.C.Uid] = Id(e.Ids.Uid);
        r[ProcessEventsTable.C.Euid] = Id(e.Ids.Euid);
        r[ProcessEventsTable.C.Gid] = Id(e.Ids.Gid);
        r[ProcessEventsTable.C.Egid] = Id(e.Ids.Egid);
        r[ProcessEventsTable.C.Fsuid] = Id(e.Ids.Fsuid);
        r[ProcessEventsTable.C.Suid] = Id(e.Ids.Suid);
        r[ProcessEventsTable.C.Fsgid] = Id(e.Ids.Fsgid);
        r[ProcessEventsTable.C.Sgid] = Id(e.Ids.Sgid);
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
        r[ProcessFileEventsTable.C.Uid] = Id(e.Ids.Uid);
        r[ProcessFileEventsTable.C.Gid] = Id(e.Ids.Gid);
        r[ProcessFileEventsTable.C.Auid] = e.Auid;
        r[ProcessFileEventsTable.C.Euid] = Id(e.Ids.Euid);
        r[ProcessFileEventsTable.C.Egid] = Id(e.Ids.Egid);
        r[ProcessFileEventsTable.C.Fsuid] = Id(e.Ids.Fsuid);
        r[ProcessFileEventsTable.C.Fsgid] = Id(e.Ids.Fsgid);
        r[ProcessFileEventsTable.C.Suid] = Id(e.Ids.Suid);
        r[ProcessFileEventsTable.C.Sgid] = Id(e.Ids.Sgid);
        r[ProcessFileEventsTable.C.Uptime] = e.Uptime;
        r[ProcessFileEventsTable.C.PathRaw] = e.PathRaw;
        r[ProcessFileEventsTable.C.Syscall] = e.Syscall;
        r[ProcessFileEventsTable.C.Flags] = e.Flags;
        r[ProcessFileEventsTable.C.Mode] = e.Mode;
        r[ProcessFileEventsTable.C.Status] = e.Status;
        r[ProcessFileEventsTable.C.Result] = e.Result;
        r[ProcessFileEventsTable.C.Tid] = e.Tid;
        files.Add(r);
    }

    private static long? Id(long id) => id >= 0 ? id : null;
}
