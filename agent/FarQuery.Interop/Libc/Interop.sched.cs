// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>man 2 sched_getaffinity: the CPUs the thread <paramref name="pid"/> (0: the caller) may run on, as a
        /// bit mask of <paramref name="cpusetsize"/> bytes. The raw system call returns the bytes written; glibc's
        /// wrapper returns 0 and clears the rest of the mask.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);
    }
}
