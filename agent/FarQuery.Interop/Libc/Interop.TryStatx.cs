// SPDX-License-Identifier: Apache-2.0
using System.Text;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>STATX_BTIME: the birth time, which stat(2) cannot return (include/uapi/linux/stat.h).</summary>
        internal const uint STATX_BTIME = 0x00000800;

        // The remaining file type bits of stx_mode (man 7 inode); S_IFMT, S_IFREG, S_IFDIR and S_IFLNK are in Interop.statx.cs.
        internal const int S_IFSOCK = 0xC000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFIFO = 0x1000;

        /// <summary>statx on an absolute path, for callers without unsafe code. False with errno on failure; ENOSYS when
        /// the C library has no statx symbol (glibc before 2.28), so the caller can fall back.</summary>
        internal static bool TryStatx(string path, bool followSymlinks, out statx_t buffer, out Errno errno)
        {
            buffer = default;
            var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
            var length = Encoding.UTF8.GetBytes(path, utf8);
            utf8[length] = 0;
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
                if (statx(dirfd, path, flags, mask, buffer) == 0)
                {
                    errno = Errno.SUCCESS;
                    return true;
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

        /// <summary>gnu_dev_makedev (man 3 makedev): glibc's dev_t encoding of a major/minor pair, as st_rdev carries it.</summary>
        internal static ulong makedev(uint major, uint minor) =>
            ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
    }
}
