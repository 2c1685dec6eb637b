// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The mount table of the agent's mount namespace (/proc/mounts), with statfs(2) sizes when those columns are read.</summary>
public sealed partial class MountsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        if (!fs.TryReadAllBytes("/proc/mounts", out var bytes))
        {
            yield break;
        }

        // statfs can block on an unreachable network file system (EFS), so it runs only when a size column is read.
        var wantSizes = query.IsUsed(C.BlocksSize) || query.IsUsed(C.Blocks) || query.IsUsed(C.BlocksFree)
            || query.IsUsed(C.BlocksAvailable) || query.IsUsed(C.Inodes) || query.IsUsed(C.InodesFree);
        foreach (var m in MountEntry.Parse(bytes))
        {
            var row = NewRow();
            row.Device = m.Device;
            row.DeviceAlias = DeviceAlias(fs, m.Device);
            row.Path = m.Path;
            row.Type = m.Type;
            row.Flags = m.Options;
            if (wantSizes && Interop.Libc.TryStatfs(fs.Resolve(m.Path), out var st, out _))
            {
                row.BlocksSize = st.f_bsize;
                row.Blocks = (long)st.f_blocks;
                row.BlocksFree = (long)st.f_bfree;
                row.BlocksAvailable = (long)st.f_bavail;
                row.Inodes = (long)st.f_files;
                row.InodesFree = (long)st.f_ffree;
            }

            yield return row;
        }
    }

    /// <summary>The device with symlinks resolved (/dev/disk/by-uuid/... to /dev/nvme0n1p1), as osquery's realpath does;
    /// the device text itself for pseudo file systems ("overlay", "proc").</summary>
    private static string DeviceAlias(HostFileSystem fs, string device)
    {
        if (!device.StartsWith('/'))
        {
            return device;
        }

        try
        {
            var target = new FileInfo(fs.Resolve(device)).ResolveLinkTarget(returnFinalTarget: true);
            if (target is null)
            {
                return device;
            }

            var full = target.FullName;
            return fs.Root == "/" ? full : "/" + Path.GetRelativePath(fs.Root, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return device;
        }
    }
}
