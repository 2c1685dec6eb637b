// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>man 3 free: releases memory a C library handed over with malloc (libaugeas's aug_match arrays and
        /// aug_source paths are the caller's to free).</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial void free(void* ptr);
    }
}
