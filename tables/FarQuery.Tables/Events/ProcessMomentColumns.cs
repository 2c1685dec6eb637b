// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The columns seccomp_events and user_events take from the process event they come from: which process,
/// its audit user, and when. Their generated rows implement it, so one method fills both (docs/conventions.md §3).</summary>
internal interface IProcessMomentColumns
{
    long? Pid { set; }

    long? Auid { set; }

    long? Time { set; }

    long? Uptime { set; }
}

/// <summary>Fills <see cref="IProcessMomentColumns"/>.</summary>
internal static class ProcessMoment
{
    /// <summary>Copies the process, audit user and times of <paramref name="e"/> into <paramref name="row"/>.</summary>
    public static void Write<TRow>(TRow row, ProcessEvent e)
        where TRow : IProcessMomentColumns
    {
        row.Pid = e.Pid;
        row.Auid = e.Auid;
        row.Time = e.Time;
        row.Uptime = e.Uptime;
    }

    /// <summary>An id the tracer knows, or null for its "unknown" (-1).</summary>
    public static long? Known(long id) => id < 0 ? null : id;
}
