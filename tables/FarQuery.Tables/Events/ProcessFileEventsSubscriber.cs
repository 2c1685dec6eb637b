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
        r.Directory = Directory(e.Path);
        r.Filename = FileName(e.Path);

        // process_file_events has osquery's ppid (from the event itself), not a lineage parent column.
        r.Name = e.Lineage.Name;
        r.Cmdline = e.Lineage.Cmdline;
        TraceColumns.WriteAncestry(r, e.Lineage);
        return r;
    }

    // Falco's fd.directory and fd.filename as columns: a detection that tests them reads one value instead of taking the
    // path apart with rtrim/replace for every row (docs/tracer.md, "The detections' CPU per file row").

    /// <summary>The directory part of <paramref name="path"/> without trailing slashes, "/" for a file in the root or a
    /// path without one; null for null.</summary>
    internal static string? Directory(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var dir = path.AsSpan(0, Math.Max(path.LastIndexOf('/'), 0)).TrimEnd('/');
        return dir.IsEmpty ? "/" : dir.ToString();
    }

    /// <summary>The last component of <paramref name="path"/> (all of it when it has no slash); null for null.</summary>
    internal static string? FileName(string? path) => path?[(path.LastIndexOf('/') + 1)..];
}
