// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // Poll events (asm-generic/poll.h, same on x86_64 and arm64).
        internal const short POLLIN = 0x0001;
        internal const short POLLOUT = 0x0004;
        internal const short POLLERR = 0x0008;
        internal const short POLLHUP = 0x0010;
        internal const short POLLNVAL = 0x0020;

        /// <summary>struct pollfd (man 2 poll).</summary>
        [StructLayout(LayoutKind.Sequential)]
#pragma warning disable CS8981 // The C name is kept on purpose (docs/conventions.md §7).
        internal struct pollfd
#pragma warning restore CS8981
        {
            public int fd;
            public short events;
            public short revents;
        }

        /// <summary>man 2 poll. Blocks up to <paramref name="timeout"/> ms, so never <c>SuppressGCTransition</c>.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int poll(pollfd* fds, nuint nfds, int timeout);
    }
}
