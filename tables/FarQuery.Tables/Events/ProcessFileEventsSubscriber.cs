// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events;
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="FileEvent"/> into a <c>process_file_events</c>
/// row through the generated column ordinals (docs/events.md).</summary>
public sealed class ProcessFileEventsSubscriber : IEventSubscriber<TraceEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's <c>process_file_events</c> buffer.</summary>
    public ProcessFileEventsSubscriber(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(ProcessFileEventsTable.Spec, ProcessFileEventsTable.Publisher);
    }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent e)
    {
        if (e is FileEvent f)
        {
            buffer.Add(Row(f));
        }
    }

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(FileEvent e)
    {
        var r = ProcessFileEventsTable.NewRow();
        r.Operation = e.Operation;
        r.Pid = e.Pid;
        r.Ppid = e.Ppid;
        r.Time = e.Time;
        r.Executable = e.Executable;
        r.Partial = e.Path is null ? "true" : "false";
        r.Cwd = e.Cwd;
        r.Path = e.Path;
        r.DestPath = e.DestPath;
        r.Auid = e.Auid;
        IdColumns.File.Write(r, e.Ids);
        r.Uptime = e.Uptime;
        r.PathRaw = e.PathRaw;
        r.Syscall = e.Syscall;
        r.Flags = e.Flags;
        r.Mode = e.Mode;
        r.Status = e.Status;
        r.Result = e.Result;
        r.Tid = e.Tid;

        // process_file_events has osquery's ppid (from the event itself), not a lineage parent column.
        r.Name = e.Lineage.Name;
        r.Cmdline = e.Lineage.Cmdline;
        r.ParentName = e.Lineage.ParentName;
        r.ParentPath = e.Lineage.ParentPath;
        r.ParentCmdline = e.Lineage.ParentCmdline;
        r.Ancestors = e.Lineage.Ancestors;
        return r;
    }
}
