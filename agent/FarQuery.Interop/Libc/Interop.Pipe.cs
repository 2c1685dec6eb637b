// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_CLOEXEC = 0x80000;

        /// <summary>man 2 pipe2.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int pipe2(int* pipefd, int flags);

        /// <summary>man 2 read.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint read(int fd, void* buf, nuint count);

        /// <summary>man 2 pread (pread64: off_t is 64 bits on both architectures FarQuery ships for).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "pread64", SetLastError = true)]
        internal static unsafe partial nint pread(int fd, void* buf, nuint count, long offset);

        /// <summary>Reads at <paramref name="offset"/> with pread(2), again after EINTR; false with errno when it fails.
        /// One system call, where <see cref="System.IO.RandomAccess"/> first asks the kernel whether the descriptor can
        /// seek (an lseek per file: most of what a table reads from /proc is one small file per process).</summary>
        internal static unsafe bool TryPread(SafeHandle fd, Span<byte> buffer, long offset, out int read, out Errno errno)
        {
            var added = false;
            fd.DangerousAddRef(ref added);
            try
            {
                fixed (byte* p = buffer)
                {
                    while (true)
                    {
                        var n = pread((int)fd.DangerousGetHandle(), p, (nuint)buffer.Length, offset);
                        if (n >= 0)
                        {
                            read = (int)n;
                            errno = Errno.SUCCESS;
                            return true;
                        }

                        errno = LastErrno;
                        if (errno != Errno.EINTR)
                        {
                            read = 0;
                            return false;
                        }
                    }
                }
            }
            finally
            {
                if (added)
                {
                    fd.DangerousRelease();
                }
            }
        }

        /// <summary>man 2 write.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint write(int fd, void* buf, nuint count);

        /// <summary>Writes all of <paramref name="buffer"/> with write(2), again after a short write or EINTR, for callers
        /// without unsafe code. False with errno when a write fails (part of the buffer may be written by then).</summary>
        internal static unsafe bool TryWriteAll(SafeHandle fd, ReadOnlySpan<byte> buffer, out Errno errno)
        {
            var added = false;
            fd.DangerousAddRef(ref added);
            try
            {
                fixed (byte* p = buffer)
                {
                    var done = 0;
                    while (done < buffer.Length)
                    {
                        var n = write((int)fd.DangerousGetHandle(), p + done, (nuint)(buffer.Length - done));
                        if (n < 0)
                        {
                            errno = LastErrno;
                            if (errno == Errno.EINTR)
                            {
                                continue;
                            }

                            return false;
                        }

                        done += (int)n;
                    }
                }

                errno = Errno.SUCCESS;
                return true;
            }
            finally
            {
                if (added)
                {
                    fd.DangerousRelease();
                }
            }
        }

        /// <summary>man 2 dup: the copy does not have FD_CLOEXEC.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int dup(int oldfd);

        /// <summary>man 2 close.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
