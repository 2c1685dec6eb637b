// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 2 readlink: no NUL is appended; returns the byte count, or -1 with errno.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint readlink(byte* pathname, byte* buf, nuint bufsiz);
    }
}
