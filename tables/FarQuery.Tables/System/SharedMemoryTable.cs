// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>System V shared memory segments of the task's IPC namespace (see <see cref="SysvShmSegment"/>): the same
/// facts shmctl(2) SHM_STAT gives, read from /proc so that no IPC call is needed.</summary>
public sealed partial class SharedMemoryTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/sysvipc/shm", out var bytes))
        {
            yield break;
        }

        foreach (var s in SysvShmSegment.Parse(bytes))
        {
            var row = NewRow();
            row.Shmid = s.ShmId;
            row.OwnerUid = s.Uid;
            row.CreatorUid = s.CreatorUid;
            row.Pid = s.LastPid;
            row.CreatorPid = s.CreatorPid;
            row.Atime = s.Atime;
            row.Dtime = s.Dtime;
            row.Ctime = s.Ctime;
            row.Permissions = FileTable.ModeText((uint)s.Mode);
            row.Size = s.Size;
            row.Attached = s.Attached;
            row.Status = (s.Mode & SysvShmSegment.ShmDest) != 0 ? "dest" : "";
            row.Locked = (s.Mode & SysvShmSegment.ShmLocked) != 0 ? 1 : 0;
            yield return row;
        }
    }
}
