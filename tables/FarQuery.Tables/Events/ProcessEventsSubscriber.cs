// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events;
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="ProcessEvent"/> into a <c>process_events</c>
/// row through the generated column ordinals; the lineage comes with the event, from the tracer's task table
/// (docs/events.md).</summary>
public sealed class ProcessEventsSubscriber : IEventSubscriber<TraceEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's <c>process_events</c> buffer.</summary>
    public ProcessEventsSubscriber(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(ProcessEventsTable.Spec, ProcessEventsTable.Publisher);
    }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent e)
    {
        if (e is ProcessEvent p)
        {
            buffer.Add(Row(p));
        }
    }

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(ProcessEvent e)
    {
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
        IdColumns.Process.Write(r, e.Ids);
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
        r[ProcessEventsTable.C.ParentName] = e.Lineage.ParentName;
        r[ProcessEventsTable.C.ParentPath] = e.Lineage.ParentPath;
        r[ProcessEventsTable.C.ParentCmdline] = e.Lineage.ParentCmdline;
        r[ProcessEventsTable.C.Ancestors] = e.Lineage.Ancestors;
        return r;
    }
}
