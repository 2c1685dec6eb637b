// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 3 execvp: searches PATH like a shell and passes the process environment unchanged.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int execvp(byte* file, byte** argv);

        /// <summary>man 2 _exit: leaves without running the runtime's shutdown.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial void _exit(int status);
    }
}
