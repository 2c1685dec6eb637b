// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Memory mappings of each process from /proc/[pid]/maps; <c>pid =</c> reads only those processes.</summary>
public sealed partial class ProcessMemoryMapTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var pids = ProcessSelection.Pids(query, C.Pid, fs);
        foreach (var pid in pids)
        {
            // A process that exited since the listing (ENOENT/ESRCH) simply has no rows.
            if (!fs.TryReadAllBytes(fs.OpenProcess(pid) + "/maps", out var bytes))
            {
                continue;
            }

            foreach (var m in ProcMapsEntry.Parse(bytes))
            {
                var row = NewRow();
                row.Pid = pid;
                row.Start = m.Start;
                row.End = m.End;
                row.Permissions = m.Permissions;
                row.Offset = m.Offset;
                row.Device = m.Device;
                row.Inode = m.Inode;
                row.Path = m.Path;
                row.Pseudo = m.Inode == 0 ? 1L : 0L;
                yield return row;
            }
        }
    }
}
