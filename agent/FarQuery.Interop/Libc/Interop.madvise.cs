// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>MADV_DONTNEED (asm-generic/mman-common.h): drop the range's pages from the process; a file mapping's
        /// pages are read again from the file (or the page cache) when next touched.</summary>
        internal const int MADV_DONTNEED = 4;

        /// <summary>man 2 madvise; the range must start on a page boundary. Returns 0, or -1 with errno.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int madvise(nint addr, nuint length, int advice);
    }
}
