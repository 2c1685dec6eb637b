// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>man 2 read. Can block, so never <c>SuppressGCTransition</c> (style.md §6).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint read(int fd, byte* buf, nuint count);
    }
}
