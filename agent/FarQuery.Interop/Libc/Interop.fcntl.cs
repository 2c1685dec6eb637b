// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>F_GETFL / F_SETFL (asm-generic/fcntl.h): read and set a descriptor's file status flags.</summary>
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;

        /// <summary>F_GETPIPE_SZ (linux/fcntl.h): a pipe's capacity in bytes.</summary>
        internal const int F_GETPIPE_SZ = 1032;

        /// <summary>FIONREAD (asm-generic/ioctls.h, same on x86_64 and arm64): bytes queued in a pipe, from either end.</summary>
        internal const int FIONREAD = 0x541B;

        /// <summary>man 2 fcntl, for commands that take no argument or an integer (variadic in glibc; integer-class only).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fcntl(int fd, int cmd, nint arg);

        /// <summary>man 2 ioctl, for requests that write one int (FIONREAD).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int ioctl(int fd, nuint request, int* argp);
    }
}
