// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Tables;

/// <summary>stat(2) of the paths a query names (<c>path =</c>, <c>path LIKE</c>, <c>directory =</c>): without one the
/// SQL host refuses the query, as osquery does, because the table cannot list a whole file system.</summary>
public sealed partial class FileTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        foreach (var target in FilePatterns.Expand(fs, query, C.Path, C.Directory, Schema.Name))
        {
            if (TryStat(fs, target.Path) is not { } st)
            {
                // The path does not exist or vanished between listing and stat: no row, as osquery.
                continue;
            }

            var row = NewRow();
            row.Path = target.Path;
            row.Directory = target.Directory;
            row.Filename = Path.GetFileName(target.Path.Length > 1 ? target.Path.TrimEnd('/') : target.Path);
            row.Inode = st.Inode;
            row.Uid = st.Uid;
            row.Gid = st.Gid;
            row.Mode = st.Mode is { } mode ? ModeText(mode) : null;
            row.Device = st.Device;
            row.Size = st.Size;
            row.BlockSize = st.BlockSize;
            row.Atime = st.Atime;
            row.Mtime = st.Mtime;
            row.Ctime = st.Ctime;
            row.Btime = st.Btime;
            row.HardLinks = st.Links;
            row.Symlink = st.IsSymlink ? 1 : 0;
            row.Type = st.Type;
            row.SymlinkTargetPath = st.IsSymlink ? LinkTarget(fs, target.Path) : "";
            yield return row;
        }
    }

    /// <summary>What one stat gives, with nulls for what the fallback cannot know.</summary>
    private sealed record Stat(long? Inode, long? Uid, long? Gid, uint? Mode, long? Device, long Size, long? BlockSize,
        long Atime, long Mtime, long Ctime, long Btime, long? Links, bool IsSymlink, string Type);

    private static Stat? TryStat(HostFileSystem fs, string path)
    {
        var real = fs.Resolve(path);
        var hasLink = TryStatx(real, followSymlinks: false, out var l, out var errno);
        if (!hasLink)
        {
            return errno == Interop.Errno.ENOSYS ? ManagedStat(real) : null;
        }

        var isLink = (l.stx_mode & S_IFMT) == S_IFLNK;

        // Fields describe the target of a symlink (stat, not lstat), as osquery's; a dangling link keeps lstat's.
        var s = isLink && TryStatx(real, followSymlinks: true, out var followed, out _) ? followed : l;
        return new Stat(
            (long)s.stx_ino, s.stx_uid, s.stx_gid, s.stx_mode, (long)makedev(s.stx_rdev_major, s.stx_rdev_minor), (long)s.stx_size,
            s.stx_blksize, s.stx_atime.tv_sec, s.stx_mtime.tv_sec, s.stx_ctime.tv_sec,
            (s.stx_mask & STATX_BTIME) != 0 ? s.stx_btime.tv_sec : 0, s.stx_nlink, isLink, TypeName(s.stx_mode));
    }

    /// <summary>For a C library without statx (glibc before 2.28): what FileSystemInfo offers, ids left NULL.</summary>
    private static Stat? ManagedStat(string real)
    {
        FileSystemInfo info = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
        if (!info.Exists && info.LinkTarget is null)
        {
            return null;
        }

        var isLink = info.LinkTarget is not null;
        var type = info is DirectoryInfo ? "directory" : isLink && !info.Exists ? "symlink" : "regular";
        return new Stat(null, null, null, (uint)info.UnixFileMode, null, info is FileInfo f && f.Exists ? f.Length : 0, null,
            new DateTimeOffset(info.LastAccessTimeUtc).ToUnixTimeSeconds(), new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(),
            new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(), new DateTimeOffset(info.CreationTimeUtc).ToUnixTimeSeconds(),
            null, isLink, type);
    }

    /// <summary>osquery's file type names for the S_IFMT bits.</summary>
    internal static string TypeName(int mode) => (mode & S_IFMT) switch
    {
        S_IFREG => "regular",
        S_IFDIR => "directory",
        S_IFLNK => "symlink",
        S_IFBLK => "block",
        S_IFCHR => "character",
        S_IFIFO => "fifo",
        S_IFSOCK => "socket",
        _ => "unknown",
    };

    /// <summary>The final target of a symlink as a container path (relative links resolved against the link's directory).</summary>
    private static string LinkTarget(HostFileSystem fs, string path)
    {
        try
        {
            var target = new FileInfo(fs.Resolve(path)).ResolveLinkTarget(returnFinalTarget: true);
            if (target is null)
            {
                return "";
            }

            return fs.Root == "/" ? target.FullName : "/" + Path.GetRelativePath(fs.Root, target.FullName).Replace('\\', '/');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Mode bits as osquery prints them (four octal digits, e.g. 0644, 4755).</summary>
    internal static string ModeText(uint mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');
}
