// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // open(2) flags common to x86_64 and arm64 (asm-generic/fcntl.h); O_NOFOLLOW and O_DIRECTORY differ per
        // architecture and live in Interop.open.x64.cs / Interop.open.arm64.cs.
        internal const int O_RDONLY = 0;
        internal const int O_NONBLOCK = 0x800;

        /// <summary>man 2 open (without O_CREAT, so no mode argument); <paramref name="pathname"/> is NUL-terminated UTF-8.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int open(byte* pathname, int flags);
    }
}
