// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 3 mkfifo; <paramref name="pathname"/> as UTF-8. Tests make FIFOs with it to prove that no table
        /// blocks on one.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mkfifo(string pathname, uint mode);
    }
}
