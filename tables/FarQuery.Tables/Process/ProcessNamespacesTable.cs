// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Namespace inodes of every process (or of the pids an <c>=</c>/<c>IN</c> constraint names): each
/// /proc/[pid]/ns/[type] link reads "type:[inode]" (man 7 namespaces), and the inode is the namespace's identity.
/// A link that cannot be read (the process exited, or the kernel lacks that namespace type) leaves its column NULL; a
/// process none of whose links can be read is skipped.</summary>
public sealed partial class ProcessNamespacesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var pids = ProcessSelection.Pids(query, C.Pid, fs);
        foreach (var pid in pids)
        {
            var dir = fs.OpenProcess(pid) + "/ns/";
            var row = NewRow();
            row.Pid = pid;
            row.CgroupNamespace = Inode(fs, dir, "cgroup");
            row.IpcNamespace = Inode(fs, dir, "ipc");
            row.MntNamespace = Inode(fs, dir, "mnt");
            row.NetNamespace = Inode(fs, dir, "net");
            row.PidNamespace = Inode(fs, dir, "pid");
            row.UserNamespace = Inode(fs, dir, "user");
            row.UtsNamespace = Inode(fs, dir, "uts");
            if (row.CgroupNamespace is null && row.IpcNamespace is null && row.MntNamespace is null && row.NetNamespace is null
                && row.PidNamespace is null && row.UserNamespace is null && row.UtsNamespace is null)
            {
                continue;
            }

            yield return row;
        }
    }

    /// <summary>The digits between the brackets of a "type:[inode]" link, or null when it cannot be read or has
    /// another shape.</summary>
    private static string? Inode(HostFileSystem fs, string dir, string type)
    {
        if (!fs.TryReadLink(dir + type, out var target))
        {
            return null;
        }

        var open = target.IndexOf(":[", StringComparison.Ordinal);
        return open > 0 && target.EndsWith(']') && target.Length > open + 3 ? target[(open + 2)..^1] : null;
    }
}
