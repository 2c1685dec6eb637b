// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Inotify;

/// <summary>The stat fields of a <c>file_events</c> row, read with statx (one struct layout on every architecture)
/// without following a final symlink, so a symlink planted in a watched directory is reported as itself.</summary>
internal readonly record struct FileStat(long Inode, long Uid, long Gid, int Mode, long Size, long Atime, long Mtime, long Ctime, long MtimeNs, long CtimeNs)
{
    /// <summary>True for a regular file (the only kind FarQuery hashes).</summary>
    public bool IsRegular => (Mode & Interop.Libc.S_IFMT) == Interop.Libc.S_IFREG;

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => (Mode & Interop.Libc.S_IFMT) == Interop.Libc.S_IFDIR;

    /// <summary>Permission bits as osquery prints them: four octal digits (<c>0644</c>, <c>4755</c>).</summary>
    public string Permissions => Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>lstat-like read of <paramref name="path"/>; false when it is gone or unreadable (an expected race:
    /// the file can be deleted between the event and this call).</summary>
    public static unsafe bool TryRead(string path, out FileStat stat)
    {
        stat = default;
        var utf8 = Interop.CString.ToCString(path, stackalloc byte[Interop.CString.StackBytes]);
        Interop.Libc.statx_t st;
        fixed (byte* p = utf8)
        {
            if (Interop.Libc.statx(Interop.Libc.AT_FDCWD, p, Interop.Libc.AT_SYMLINK_NOFOLLOW, Interop.Libc.STATX_BASIC_STATS, &st) != 0)
            {
                return false;
            }
        }

        stat = new FileStat(
            (long)st.stx_ino,
            st.stx_uid,
            st.stx_gid,
            st.stx_mode,
            (long)st.stx_size,
            st.stx_atime.tv_sec,
            st.stx_mtime.tv_sec,
            st.stx_ctime.tv_sec,
            (st.stx_mtime.tv_sec * 1_000_000_000) + st.stx_mtime.tv_nsec,
            (st.stx_ctime.tv_sec * 1_000_000_000) + st.stx_ctime.tv_nsec);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ino={Inode} mode={Permissions} size={Size}");
}
