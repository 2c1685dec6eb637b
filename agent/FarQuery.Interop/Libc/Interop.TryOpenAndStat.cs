// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>Opens <paramref name="path"/> read-only with O_NONBLOCK (a FIFO with no writer does not block the
        /// open) and statx's the open descriptor, so the type and size checked are those of the file that will be read.
        /// For callers without unsafe code. False with errno when either call fails; the handle is then closed, except
        /// for ENOSYS (no statx in the C library), where the file is open but its type and size are unknown.</summary>
        internal static bool TryOpenAndStat(string path, out SafeFileHandle file, out statx_t stat, out Errno errno)
        {
            stat = default;
            var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
            var length = Encoding.UTF8.GetBytes(path, utf8);
            utf8[length] = 0;
            int fd;
            fixed (byte* p = utf8)
            {
                fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
            }

            file = new SafeFileHandle(fd, ownsHandle: true);
            if (fd < 0)
            {
                errno = LastErrno;
                return false;
            }

            byte empty = 0;
            fixed (statx_t* b = &stat)
            {
                if (StatxOrErrno(fd, &empty, AT_EMPTY_PATH, STATX_BASIC_STATS, b, out errno))
                {
                    return true;
                }
            }

            if (errno == Errno.ENOSYS)
            {
                // glibc before 2.28 has no statx: the file stays open and the caller reads it with its own cap.
                return false;
            }

            file.Dispose();
            return false;
        }
    }
}
