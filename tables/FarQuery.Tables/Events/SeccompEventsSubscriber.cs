// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Subscribes to the ptrace publisher and turns the exit of a process a seccomp filter killed
/// (<see cref="ProcessEvent.SeccompKill"/>) into a <c>seccomp_events</c> row; every other event gives none
/// (docs/events.md, "Seccomp kills").</summary>
public sealed class SeccompEventsSubscriber(TableContext context)
    : EventSubscriberBase<TraceEvent>(context, SeccompEventsTable.Spec, ProcessEventsTable.Publisher)
{
    /// <summary>The only action an exit status can show.</summary>
    internal const string KillCode = "KILL";

    /// <inheritdoc/>
    protected override object?[]? ToRow(TraceEvent e) => e is ProcessEvent { Syscall: "exit", SeccompKill: true } p ? Row(p) : null;

    /// <summary>The row for <paramref name="e"/> (eid is the buffer's).</summary>
    internal static object?[] Row(ProcessEvent e)
    {
        var r = SeccompEventsTable.NewRow();
        ProcessMoment.Write(r, e);
        r.Uid = ProcessMoment.Known(e.Ids.Uid);
        r.Gid = ProcessMoment.Known(e.Ids.Gid);
        r.Comm = e.Name;
        r.Exe = e.Path;
        r.Sig = e.Signal;
        r.Code = KillCode;
        return r;
    }
}
