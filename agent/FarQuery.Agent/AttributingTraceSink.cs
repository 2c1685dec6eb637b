// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events;
using FarQuery.Events.Tracing;

namespace FarQuery.Agent;

/// <summary>Passes the tracer's events on and remembers who wrote, renamed or removed which path, so that
/// <c>file_events</c> rows from inotify can name the process behind a change (issue 5, beyond osquery).</summary>
internal sealed class AttributingTraceSink(ITraceSink inner, RecentWrites writes) : ITraceSink
{
    /// <inheritdoc/>
    public void OnProcess(ProcessEvent e) => inner.OnProcess(e);

    /// <inheritdoc/>
    public void OnSocket(SocketEvent e) => inner.OnSocket(e);

    /// <inheritdoc/>
    public void OnFile(FileEvent e)
    {
        inner.OnFile(e);
        if (e.Status == "failed")
        {
            return;
        }

        var exe = e.Executable ?? "";
        if (e.Path is { Length: > 0 } path && path[0] == '/')
        {
            writes.Record(path, e.Pid, exe);
        }

        if (e.DestPath is { Length: > 0 } dest && dest[0] == '/' && e.Operation != "symlink")
        {
            writes.Record(dest, e.Pid, exe);
        }
    }
}
