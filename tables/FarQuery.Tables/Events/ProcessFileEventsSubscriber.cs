// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns each <see cref="FileEvent"/> into a <c>process_file_events</c>
/// row through the generated typed row (docs/events.md).</summary>
public sealed class ProcessFileEventsSubscriber(TableContext context)
    : EventSubscriberBase<TraceEvent>(context, ProcessFileEventsTable.Spec, ProcessFileEventsTable.Publisher)
{
    /// <inheritdoc/>
    protected override object?[]? ToRow(TraceEvent e) => e is FileEvent s ? Row(s) : null;

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
        r.Auid = e.Auid?.ToString(CultureInfo.InvariantCulture);
        TraceColumns.WriteIdsAsText(r, e.Ids);
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
        TraceColumns.WriteAncestry(r, e.Lineage);
        return r;
    }
}
