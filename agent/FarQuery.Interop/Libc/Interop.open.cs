// SPDX-License-Identifier: Apache-2.0
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // open(2) flags common to x86_64 and arm64 (asm-generic/fcntl.h); O_NOFOLLOW and O_DIRECTORY differ per
        // architecture and live in Interop.open.x64.cs / Interop.open.arm64.cs.
        internal const int O_RDONLY = 0;
        internal const int O_WRONLY = 1;
        internal const int O_CREAT = 0x40;
        internal const int O_APPEND = 0x400;
        internal const int O_NONBLOCK = 0x800;

        /// <summary>Opening a terminal does not make it the controlling terminal of the agent.</summary>
        internal const int O_NOCTTY = 0x100;

        /// <summary>man 2 open (without O_CREAT, so no mode argument); <paramref name="pathname"/> is NUL-terminated UTF-8.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int open(byte* pathname, int flags);

        /// <summary>man 2 open with O_CREAT: <paramref name="mode"/> is the C function's variadic third argument, an
        /// integer passed in a register like a fixed one on x86_64 and arm64 Linux.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true)]
        internal static partial int open(byte* pathname, int flags, uint mode);

        /// <summary>open(2) with O_CREAT on a path given as a string, for callers without unsafe code; the handle is
        /// invalid, with errno, on failure.</summary>
        internal static SafeFileHandle open(string pathname, int flags, uint mode, out Errno errno)
        {
            var utf8 = CString.ToCString(pathname, stackalloc byte[CString.StackBytes]);
            fixed (byte* p = utf8)
            {
                var fd = open(p, flags | O_CREAT, mode);
                errno = fd < 0 ? LastErrno : Errno.SUCCESS;
                return new SafeFileHandle(fd, ownsHandle: true);
            }
        }

        /// <summary>open(2) on a path given as a string, for callers without unsafe code; -1 with errno on failure
        /// (ENAMETOOLONG for a path the kernel would refuse as well).</summary>
        internal static int open(string pathname, int flags, out Errno errno)
        {
            var utf8 = CString.ToCString(pathname, stackalloc byte[CString.StackBytes]);
            fixed (byte* p = utf8)
            {
                var fd = open(p, flags);
                errno = fd < 0 ? LastErrno : Errno.SUCCESS;
                return fd;
            }
        }

        /// <summary>Opens <paramref name="path"/> read-only with O_NONBLOCK (a FIFO with no writer does not block the
        /// open) and statx's the open descriptor, so the type and size checked are those of the file that will be read.
        /// For callers without unsafe code. False with errno when either call fails; the handle is then closed, except
        /// for ENOSYS (no statx in the C library), where the file is open but its type and size are unknown.</summary>
        internal static bool TryOpenAndStat(string path, out SafeFileHandle file, out statx_t stat, out Errno errno)
        {
            stat = default;
            var utf8 = CString.ToCString(path, stackalloc byte[CString.StackBytes]);
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
