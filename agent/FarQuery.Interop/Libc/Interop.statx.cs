// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

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
    }
}
