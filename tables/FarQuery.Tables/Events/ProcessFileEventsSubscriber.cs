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
        IdColumns.File.Write(r, e.Ids);
        r[ProcessFileEventsTable.C.Uptime] = e.Uptime;
        r[ProcessFileEventsTable.C.PathRaw] = e.PathRaw;
        r[ProcessFileEventsTable.C.Syscall] = e.Syscall;
        r[ProcessFileEventsTable.C.Flags] = e.Flags;
        r[ProcessFileEventsTable.C.Mode] = e.Mode;
        r[ProcessFileEventsTable.C.Status] = e.Status;
        r[ProcessFileEventsTable.C.Result] = e.Result;
        r[ProcessFileEventsTable.C.Tid] = e.Tid;

        // process_file_events has osquery's ppid (from the event itself), not a lineage parent column.
        r[ProcessFileEventsTable.C.Name] = e.Lineage.Name;
        r[ProcessFileEventsTable.C.Cmdline] = e.Lineage.Cmdline;
        r[ProcessFileEventsTable.C.ParentName] = e.Lineage.ParentName;
        r[ProcessFileEventsTable.C.ParentPath] = e.Lineage.ParentPath;
        r[ProcessFileEventsTable.C.ParentCmdline] = e.Lineage.ParentCmdline;
        r[ProcessFileEventsTable.C.Ancestors] = e.Lineage.Ancestors;
        return r;
    }
}
