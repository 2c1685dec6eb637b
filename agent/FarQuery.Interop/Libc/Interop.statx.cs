// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>dirfd meaning "relative to the working directory" (fcntl.h); absolute paths ignore it.</summary>
        internal const int AT_FDCWD = -100;

        /// <summary>Do not follow a trailing symlink (fcntl.h).</summary>
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;

        /// <summary>With an empty pathname, statx describes dirfd itself: fstat for an open descriptor (fcntl.h).</summary>
        internal const int AT_EMPTY_PATH = 0x1000;

        /// <summary>STATX_BASIC_STATS: every field of struct stat (include/uapi/linux/stat.h).</summary>
        internal const uint STATX_BASIC_STATS = 0x000007ff;

        // File type bits of stx_mode (man 7 inode).
        internal const int S_IFMT = 0xF000;
        internal const int S_IFREG = 0x8000;
        internal const int S_IFDIR = 0x4000;
        internal const int S_IFLNK = 0xA000;

        /// <summary>struct statx_timestamp (man 2 statx).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct statx_timestamp
        {
            public long tv_sec;
            public uint tv_nsec;
            public int __reserved;
        }

        /// <summary>struct statx (man 2 statx): unlike struct stat, one layout on every architecture, which is why
        /// FarQuery uses it instead of stat/lstat. 256 bytes. Named <c>statx_t</c> because C# cannot give a nested type
        /// and a method the same name.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 256)]
        internal struct statx_t
        {
            public uint stx_mask;
            public uint stx_blksize;
            public ulong stx_attributes;
            public uint stx_nlink;
            public uint stx_uid;
            public uint stx_gid;
            public ushort stx_mode;
            public ushort __spare0;
            public ulong stx_ino;
            public ulong stx_size;
            public ulong stx_blocks;
            public ulong stx_attributes_mask;
            public statx_timestamp stx_atime;
            public statx_timestamp stx_btime;
            public statx_timestamp stx_ctime;
            public statx_timestamp stx_mtime;
            public uint stx_rdev_major;
            public uint stx_rdev_minor;
            public uint stx_dev_major;
            public uint stx_dev_minor;
        }

        /// <summary>man 2 statx (glibc 2.28+); <paramref name="pathname"/> is NUL-terminated UTF-8.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int statx(int dirfd, byte* pathname, int flags, uint mask, statx_t* statxbuf);

        /// <summary>STATX_BTIME: the birth time, which stat(2) cannot return (include/uapi/linux/stat.h).</summary>
        internal const uint STATX_BTIME = 0x00000800;

        // The remaining file type bits of stx_mode (man 7 inode), beside S_IFMT, S_IFREG, S_IFDIR and S_IFLNK above.
        internal const int S_IFSOCK = 0xC000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFIFO = 0x1000;

        /// <summary>statx on an absolute path, for callers without unsafe code. False with errno on failure; ENOSYS when
        /// the C library has no statx symbol (glibc before 2.28), so the caller can fall back.</summary>
        internal static bool TryStatx(string path, bool followSymlinks, out statx_t buffer, out Errno errno)
        {
            buffer = default;
            var utf8 = CString.ToCString(path, stackalloc byte[CString.StackBytes]);
            fixed (byte* p = utf8)
            fixed (statx_t* b = &buffer)
            {
                return StatxOrErrno(AT_FDCWD, p, followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, b, out errno);
            }
        }

        /// <summary>statx of an open descriptor (AT_EMPTY_PATH), the fstat(2) of a file already opened, so the answer
        /// describes what will be read and not what the path names a moment later. ENOSYS as for <see cref="TryStatx"/>.</summary>
        internal static bool TryFstatx(int fd, out statx_t buffer, out Errno errno)
        {
            buffer = default;
            byte empty = 0;
            fixed (statx_t* b = &buffer)
            {
                return StatxOrErrno(fd, &empty, AT_EMPTY_PATH, STATX_BASIC_STATS, b, out errno);
            }
        }

        /// <summary>statx with the outcome as an errno: SUCCESS, the call's errno, or ENOSYS when the C library has no
        /// statx symbol (glibc before 2.28), so every caller can fall back the same way.</summary>
        internal static bool StatxOrErrno(int dirfd, byte* path, int flags, uint mask, statx_t* buffer, out Errno errno)
        {
            try
            {
                return Succeeded(statx(dirfd, path, flags, mask, buffer), out errno);
            }
            catch (EntryPointNotFoundException)
            {
                errno = Errno.ENOSYS;
                return false;
            }
        }

        /// <summary>gnu_dev_makedev (man 3 makedev): glibc's dev_t encoding of a major/minor pair, as st_rdev carries it.</summary>
        internal static ulong makedev(uint major, uint minor) =>
            ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
    }
}
