// SPDX-License-Identifier: Apache-2.0

#pragma warning disable CS8981 // C struct names are kept (docs/conventions.md §7).
internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct iovec.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct iovec
        {
            public void* iov_base;
            public nuint iov_len;
        }

        /// <summary>man 2 process_vm_readv: copies from another process's memory; stops at the first unreadable remote
        /// iovec, which is why callers split the remote side by page.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint process_vm_readv(int pid, iovec* local_iov, nuint liovcnt, iovec* remote_iov, nuint riovcnt, nuint flags);
    }
}
