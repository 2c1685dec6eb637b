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
        var r = ProcessEventsTable.NewRow();
        r.Pid = e.Pid;
        r.Path = e.Path;
        r.Mode = e.Mode;
        r.Cmdline = e.Cmdline;
        r.CmdlineSize = e.CmdlineSize;
        r.Env = e.Env;
        r.EnvCount = e.EnvCount;
        r.EnvSize = e.EnvSize;
        r.Cwd = e.Cwd;
        r.Auid = e.Auid;
        IdColumns.Process.Write(r, e.Ids);
        r.Parent = e.Parent;
        r.Time = e.Time;
        r.Uptime = e.Uptime;
        r.Syscall = e.Syscall;
        r.Name = e.Name;
        r.Tid = e.Tid;
        r.ExecPath = e.ExecPath;
        r.ExitCode = e.ExitCode;
        r.Signal = e.Signal;
        r.Detail = e.Detail;
        r.Status = e.Status;
        r.Result = e.Result;
        r.ParentName = e.Lineage.ParentName;
        r.ParentPath = e.Lineage.ParentPath;
        r.ParentCmdline = e.Lineage.ParentCmdline;
        r.Ancestors = e.Lineage.Ancestors;
        return r;
    }
}
