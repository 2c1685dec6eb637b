// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // sched.h (_GNU_SOURCE).
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>man 2 unshare. CLONE_NEWNET moves only the calling thread into a new network namespace, which
        /// tests use to load iptables rules that never touch the machine's own.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int unshare(int flags);
    }
}
