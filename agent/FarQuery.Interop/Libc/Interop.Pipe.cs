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

        /// <summary>man 2 dup: the copy does not have FD_CLOEXEC.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int dup(int oldfd);

        /// <summary>man 2 close.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
