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
