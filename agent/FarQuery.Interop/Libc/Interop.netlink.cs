// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // sys/socket.h (SOCK_DGRAM is 2 on x86_64 and arm64; only MIPS differs). SOCK_CLOEXEC is in Interop.IpTables.cs.
        internal const int SOCK_DGRAM = 2;

        // linux/netlink.h: the kernel's device event family (man 7 netlink) and its one multicast group.
        internal const int NETLINK_KOBJECT_UEVENT = 15;

        /// <summary>struct sockaddr_nl (man 7 netlink): <see cref="nl_pid"/> 0 is the kernel.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_nl
        {
            public ushort nl_family;
            public ushort nl_pad;
            public uint nl_pid;
            public uint nl_groups;
        }

        /// <summary>man 2 bind.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int bind(int sockfd, void* addr, uint addrlen);

        /// <summary>man 2 recvfrom. Used after poll said readable, with MSG_DONTWAIT, so it never blocks.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint recvfrom(int sockfd, byte* buf, nuint len, int flags, void* src_addr, uint* addrlen);

        /// <summary>man 2 sendto. FarQuery only receives uevents; tests send forged ones to prove they are refused.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint sendto(int sockfd, byte* buf, nuint len, int flags, void* dest_addr, uint addrlen);

        // sys/socket.h flags of recv (bits/socket.h; same on x86_64 and arm64).
        internal const int MSG_DONTWAIT = 0x40;
        internal const int MSG_TRUNC = 0x20;
    }
}
