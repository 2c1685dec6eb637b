// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 2 close.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
