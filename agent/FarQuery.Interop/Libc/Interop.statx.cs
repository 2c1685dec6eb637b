// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Text;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>dirfd meaning "relative to the current directory" (fcntl.h).</summary>
        internal const int AT_FDCWD = -100;

        /// <summary>Do not follow a final symlink (lstat semantics).</summary>
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;

        /// <summary>Every field stat(2) returns.</summary>
        internal const uint STATX_BASIC_STATS = 0x7ff;

        /// <summary>The birth time, which stat(2) cannot return.</summary>
        internal const uint STATX_BTIME = 0x800;

        internal const uint S_IFMT = 0xF000;
        internal const uint S_IFSOCK = 0xC000;
        internal const uint S_IFLNK = 0xA000;
        internal const uint S_IFREG = 0x8000;
        internal const uint S_IFBLK = 0x6000;
        internal const uint S_IFDIR = 0x4000;
        internal const uint S_IFCHR = 0x2000;
        internal const uint S_IFIFO = 0x1000;

        /// <summary>struct statx_timestamp (linux/stat.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct statx_timestamp
        {
            public long tv_sec;
            public uint tv_nsec;
            public int __reserved;
        }

        /// <summary>struct statx (man 2 statx, linux/stat.h): one layout on every architecture, 256 bytes. Named with a
        /// prefix because C# cannot give a struct and a method of one class the same name.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 256)]
        internal struct struct_statx
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

        /// <summary>man 2 statx (glibc 2.28+, musl 1.2.5+).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int statx(int dirfd, byte* pathname, int flags, uint mask, struct_statx* statxbuf);

        /// <summary>statx on an absolute path, for callers without unsafe code. False with errno on failure; ENOSYS when
        /// the C library has no statx symbol (an old glibc), so the caller can fall back.</summary>
        internal static bool TryStatx(string path, bool followSymlinks, out struct_statx buffer, out Errno errno)
        {
            buffer = default;
            var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
            var length = Encoding.UTF8.GetBytes(path, utf8);
            utf8[length] = 0;
            try
            {
                fixed (byte* p = utf8)
                fixed (struct_statx* b = &buffer)
                {
                    if (statx(AT_FDCWD, p, followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, b) == 0)
                    {
                        errno = Errno.SUCCESS;
                        return true;
                    }
                }
            }
            catch (EntryPointNotFoundException)
            {
                errno = Errno.ENOSYS;
                return false;
            }

            errno = LastErrno;
            return false;
        }

        /// <summary>gnu_dev_makedev: glibc's dev_t encoding of a major/minor pair, as st_dev and st_rdev carry it.</summary>
        internal static ulong makedev(uint major, uint minor) =>
            ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
    }
}
