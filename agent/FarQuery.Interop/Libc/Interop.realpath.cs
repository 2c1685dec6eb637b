// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 3 realpath: with a caller's buffer of PATH_MAX bytes it allocates nothing; returns the buffer, or
        /// null with errno (ENOENT when a component does not exist).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial byte* realpath(byte* path, byte* resolved);
    }
}
