// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>System V shared memory segments of the task's IPC namespace (see <see cref="SysvShmSegment"/>): the same
/// facts shmctl(2) SHM_STAT gives, read from /proc so that no IPC call is needed.</summary>
[RowSource(typeof(SysvShmSegment))]
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
            var row = RowFrom(s);
            row.Permissions = FileTable.ModeText((uint)s.Mode);
            row.Status = (s.Mode & SysvShmSegment.ShmDest) != 0 ? "dest" : "";
            row.Locked = (s.Mode & SysvShmSegment.ShmLocked) != 0 ? 1 : 0;
            yield return row;
        }
    }
}
