// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // sys/socket.h, asm-generic/socket.h (SO_* values are the same on x86_64 and arm64).
        internal const int AF_UNIX = 1;
        internal const int AF_INET = 2;
        internal const int AF_INET6 = 10;
        internal const int AF_NETLINK = 16;
        internal const int AF_PACKET = 17;
        internal const int SOL_SOCKET = 1;
        internal const int SO_TYPE = 3;
        internal const int SO_PROTOCOL = 38;
        internal const int SO_DOMAIN = 39;

        /// <summary>man 2 getsockname.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int getsockname(int sockfd, byte* addr, uint* addrlen);

        /// <summary>man 2 getpeername.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int getpeername(int sockfd, byte* addr, uint* addrlen);

        /// <summary>man 2 getsockopt.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int getsockopt(int sockfd, int level, int optname, void* optval, uint* optlen);
    }
}
