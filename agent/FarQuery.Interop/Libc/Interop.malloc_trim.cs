// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 3 malloc_trim: gives the free memory of glibc's heaps back to the kernel (the top of the heap, and
        /// since glibc 2.8 whole free pages inside it); returns 1 when some was released. glibc only: musl has no such
        /// symbol, and the agent is built against glibc.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial int malloc_trim(nuint pad);
    }
}
