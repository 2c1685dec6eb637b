// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // linux/prctl.h; man 2 prctl.
        internal const int PR_SET_PDEATHSIG = 1;
        internal const int PR_GET_DUMPABLE = 3;
        internal const int PR_SET_DUMPABLE = 4;
        internal const int PR_SET_SECCOMP = 22;
        internal const int PR_SET_CHILD_SUBREAPER = 36;
        internal const int PR_GET_CHILD_SUBREAPER = 37;
        internal const int PR_SET_NO_NEW_PRIVS = 38;
        internal const int PR_GET_NO_NEW_PRIVS = 39;

        /// <summary>man 2 prctl (variadic in glibc; integer-class arguments only, see ptrace).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
    }
}
