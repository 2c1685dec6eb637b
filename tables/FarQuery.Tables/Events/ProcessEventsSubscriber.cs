// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="ProcessEvent"/> into a <c>process_events</c>
/// row through the generated typed row; the lineage comes with the event, from the tracer's task table
/// (docs/events.md).</summary>
public sealed class ProcessEventsSubscriber(TableContext context)
    : EventSubscriberBase<TraceEvent>(context, ProcessEventsTable.Spec, ProcessEventsTable.Publisher)
{
    /// <inheritdoc/>
    protected override object?[]? ToRow(TraceEvent e) => e is ProcessEvent s ? Row(s) : null;

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
        TraceColumns.WriteIds(r, e.Ids);
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
        TraceColumns.WriteAncestry(r, e.Lineage);
        return r;
    }
}
