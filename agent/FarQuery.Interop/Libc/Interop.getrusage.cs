// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The calling thread only (Linux ≥ 2.6.26); RUSAGE_SELF sums every thread of the process, which the kernel
        /// does by walking them all.</summary>
        internal const int RUSAGE_THREAD = 1;

#pragma warning disable CS8981 // The C names are kept on purpose (docs/conventions.md §7).
        /// <summary>struct timeval on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct timeval
        {
            public long tv_sec;
            public long tv_usec;
        }

        /// <summary>struct rusage (144 bytes on 64-bit Linux): the two CPU times, then 14 longs we do not read.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct rusage
        {
            public timeval ru_utime;
            public timeval ru_stime;
            public fixed long ru_rest[14];
        }
#pragma warning restore CS8981

        /// <summary>man 2 getrusage.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int getrusage(int who, rusage* usage);

        /// <summary>User and system CPU time of the calling thread, in microseconds (zeros if the call fails).</summary>
        internal static unsafe (long User, long System) ThreadCpuMicroseconds()
        {
            rusage r;
            if (getrusage(RUSAGE_THREAD, &r) != 0)
            {
                return (0, 0);
            }

            return ((r.ru_utime.tv_sec * 1_000_000) + r.ru_utime.tv_usec, (r.ru_stime.tv_sec * 1_000_000) + r.ru_stime.tv_usec);
        }
    }
}
