// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Tables;

/// <summary>Where a ptrace table keeps the eight credentials; the tracer's -1 (unreadable) becomes NULL.</summary>
internal readonly record struct IdColumns(int Uid, int Euid, int Gid, int Egid, int Fsuid, int Suid, int Fsgid, int Sgid)
{
    /// <summary>The process_events columns.</summary>
    public static readonly IdColumns Process = new(
        ProcessEventsTable.C.Uid, ProcessEventsTable.C.Euid, ProcessEventsTable.C.Gid, ProcessEventsTable.C.Egid,
        ProcessEventsTable.C.Fsuid, ProcessEventsTable.C.Suid, ProcessEventsTable.C.Fsgid, ProcessEventsTable.C.Sgid);

    /// <summary>The process_file_events columns.</summary>
    public static readonly IdColumns File = new(
        ProcessFileEventsTable.C.Uid, ProcessFileEventsTable.C.Euid, ProcessFileEventsTable.C.Gid, ProcessFileEventsTable.C.Egid,
        ProcessFileEventsTable.C.Fsuid, ProcessFileEventsTable.C.Suid, ProcessFileEventsTable.C.Fsgid, ProcessFileEventsTable.C.Sgid);

    /// <summary>Writes <paramref name="ids"/> into <paramref name="r"/>.</summary>
    public void Write(object?[] r, ProcessIds ids)
    {
        r[Uid] = Id(ids.Uid);
        r[Euid] = Id(ids.Euid);
        r[Gid] = Id(ids.Gid);
        r[Egid] = Id(ids.Egid);
        r[Fsuid] = Id(ids.Fsuid);
        r[Suid] = Id(ids.Suid);
        r[Fsgid] = Id(ids.Fsgid);
        r[Sgid] = Id(ids.Sgid);
    }

    private static long? Id(long id) => id >= 0 ? id : null;
}
