// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Text;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>struct statfs (man 2 statfs) as glibc and musl lay it out on 64-bit targets (x86_64 and aarch64
        /// agree: every word is a long). Named with a prefix because the function has the same name.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct struct_statfs
        {
            public long f_type;
            public long f_bsize;
            public ulong f_blocks;
            public ulong f_bfree;
            public ulong f_bavail;
            public ulong f_files;
            public ulong f_ffree;
            public int f_fsid0;
            public int f_fsid1;
            public long f_namelen;
            public long f_frsize;
            public long f_flags;
            public long f_spare0;
            public long f_spare1;
            public long f_spare2;
            public long f_spare3;
        }

        /// <summary>man 2 statfs.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int statfs(byte* path, struct_statfs* buf);

        /// <summary>man 2 fstatfs.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fstatfs(int fd, struct_statfs* buf);

        /// <summary>fstatfs for callers without unsafe code: the file system an open descriptor lives on.</summary>
        internal static bool TryFstatfs(int fd, out struct_statfs buffer, out Errno errno)
        {
            buffer = default;
            fixed (struct_statfs* b = &buffer)
            {
                if (fstatfs(fd, b) == 0)
                {
                    errno = Errno.SUCCESS;
                    return true;
                }
            }

            errno = LastErrno;
            return false;
        }

        /// <summary>statfs for callers without unsafe code; false with errno on failure (an unmounted or
        /// inaccessible mount point).</summary>
        internal static bool TryStatfs(string path, out struct_statfs buffer, out Errno errno)
        {
            buffer = default;
            var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
            var length = Encoding.UTF8.GetBytes(path, utf8);
            utf8[length] = 0;
            fixed (byte* p = utf8)
            fixed (struct_statfs* b = &buffer)
            {
                if (statfs(p, b) == 0)
                {
                    errno = Errno.SUCCESS;
                    return true;
                }
            }

            errno = LastErrno;
            return false;
        }
    }
}
