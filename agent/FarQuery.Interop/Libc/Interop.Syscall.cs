// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 2 syscall, for calls glibc may not wrap (seccomp, pidfd_open, pidfd_getfd). Variadic in C; six
        /// integer-class arguments travel in the same registers.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial long syscall(long number, nint a1, nint a2, nint a3);

        /// <summary>pidfd_open(2) via <see cref="syscall"/>; -1 and errno on failure.</summary>
        internal static int pidfd_open(int pid) => (int)syscall(Syscalls.pidfd_open, pid, 0, 0);

        /// <summary>pidfd_getfd(2) via <see cref="syscall"/>: a duplicate of another process's descriptor.</summary>
        internal static int pidfd_getfd(int pidfd, int targetfd) => (int)syscall(Syscalls.pidfd_getfd, pidfd, targetfd, 0);
    }
}
