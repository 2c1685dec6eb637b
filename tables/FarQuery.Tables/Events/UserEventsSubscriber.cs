// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Turns the moments a process of the app takes another user into <c>user_events</c> rows (docs/events.md,
/// "User changes"): an exec whose effective user differs from the real one (a set-user-ID program: su, sudo, login,
/// newgrp), and a successful setuid, setreuid or setresuid. It subscribes to the ptrace publisher.</summary>
public sealed class UserEventsSubscriber(TableContext context)
    : EventSubscriberBase<TraceEvent>(context, UserEventsTable.Spec, ProcessEventsTable.Publisher)
{
    /// <inheritdoc/>
    protected override object?[]? ToRow(TraceEvent e) => e is ProcessEvent p && Message(p) is { } message ? Row(p, message) : null;

    /// <summary>What the event says about a user change, or null when it is not one.</summary>
    internal static string? Message(ProcessEvent e)
    {
        var ids = e.Ids;
        return e.Syscall switch
        {
            "execve" or "execveat" when ids.Uid >= 0 && ids.Euid >= 0 && ids.Uid != ids.Euid =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"exec of a set-user-ID program: uid={ids.Uid} euid={ids.Euid}"),
            "setuid" or "setreuid" or "setresuid" when e.Status == "succeeded" =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Syscall}({e.Detail}): uid={ids.Uid} euid={ids.Euid}"),
            _ => null,
        };
    }

    /// <summary>The row for <paramref name="e"/> (eid is the buffer's).</summary>
    internal static object?[] Row(ProcessEvent e, string message)
    {
        var r = UserEventsTable.NewRow();
        ProcessMoment.Write(r, e);
        r.Uid = ProcessMoment.Known(e.Ids.Uid);
        (r.Message, r.Path) = (message, e.Path);
        return r;
    }
}
