// SPDX-License-Identifier: Apache-2.0

// C names are kept so the man page documents them (docs/conventions.md §7); 'ifaddrs' and 'sockaddr' are all lower case.
#pragma warning disable CS8981

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // AF_INET and AF_INET6 (sys/socket.h) as sa_family holds them; private so they cannot clash with the AF_*
        // constants of Interop.Socket.cs.
        private const ushort FamilyInet = 2;
        private const ushort FamilyInet6 = 10;

        /// <summary>The interface has a valid broadcast address (ifa_ifu is ifu_broadaddr); man 7 netdevice.</summary>
        internal const uint IFF_BROADCAST = 0x2;

        /// <summary>The interface is point-to-point (ifa_ifu is ifu_dstaddr); man 7 netdevice.</summary>
        internal const uint IFF_POINTOPOINT = 0x10;

        /// <summary>man 3 getifaddrs: one node of the list; the same layout in glibc and musl on 64-bit targets.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ifaddrs
        {
            public ifaddrs* ifa_next;
            public byte* ifa_name;
            public uint ifa_flags;
            public sockaddr* ifa_addr;
            public sockaddr* ifa_netmask;

            /// <summary>union { ifu_broadaddr; ifu_dstaddr }, chosen by IFF_BROADCAST / IFF_POINTOPOINT.</summary>
            public sockaddr* ifa_ifu;
            public void* ifa_data;
        }

        /// <summary>man 2 bind: the generic header every address family starts with.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr
        {
            public ushort sa_family;
            public fixed byte sa_data[14];
        }

        /// <summary>man 7 ip: an IPv4 socket address; sin_port and sin_addr are in network byte order.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_in
        {
            public ushort sin_family;
            public ushort sin_port;
            public fixed byte sin_addr[4];
            public fixed byte sin_zero[8];
        }

        /// <summary>man 7 ipv6: an IPv6 socket address.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_in6
        {
            public ushort sin6_family;
            public ushort sin6_port;
            public uint sin6_flowinfo;
            public fixed byte sin6_addr[16];
            public uint sin6_scope_id;
        }

        /// <summary>man 3 getifaddrs. The list must be released with <see cref="freeifaddrs"/>.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int getifaddrs(ifaddrs** ifap);

        /// <summary>man 3 freeifaddrs.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial void freeifaddrs(ifaddrs* ifa);

        /// <summary>One IPv4 or IPv6 entry of the getifaddrs list, copied out of native memory.</summary>
        /// <param name="Name">ifa_name.</param>
        /// <param name="Flags">ifa_flags (IFF_*).</param>
        /// <param name="Family">AF_INET or AF_INET6.</param>
        /// <param name="Address">4 or 16 address bytes, network order.</param>
        /// <param name="Netmask">The netmask bytes, or null.</param>
        /// <param name="Broadcast">ifu_broadaddr bytes when IFF_BROADCAST, else null.</param>
        /// <param name="PointToPoint">ifu_dstaddr bytes when IFF_POINTOPOINT, else null.</param>
        /// <param name="ScopeId">sin6_scope_id (IPv6 only).</param>
        internal sealed record IfAddress(string Name, uint Flags, ushort Family, byte[] Address, byte[]? Netmask, byte[]? Broadcast, byte[]? PointToPoint, uint ScopeId);

        /// <summary>Calls getifaddrs and copies the IPv4/IPv6 entries out, so callers need no unsafe code and the
        /// native list is always freed here (AF_PACKET entries carry link statistics, not addresses, and are skipped).</summary>
        internal static bool TryGetIfAddrs(out List<IfAddress> addresses, out Errno errno)
        {
            addresses = [];
            ifaddrs* head = null;
            if (getifaddrs(&head) != 0)
            {
                errno = LastErrno;
                return false;
            }

            try
            {
                for (var p = head; p != null; p = p->ifa_next)
                {
                    if (p->ifa_addr == null || p->ifa_name == null)
                    {
                        continue;
                    }

                    var family = p->ifa_addr->sa_family;
                    if (family is not (FamilyInet or FamilyInet6))
                    {
                        continue;
                    }

                    var name = Marshal.PtrToStringUTF8((nint)p->ifa_name) ?? "";
                    var address = AddressBytes(p->ifa_addr, family, out var scope);
                    if (address is null)
                    {
                        continue;
                    }

                    var mask = p->ifa_netmask == null ? null : AddressBytes(p->ifa_netmask, family, out _);
                    var ifu = p->ifa_ifu == null ? null : AddressBytes(p->ifa_ifu, family, out _);
                    addresses.Add(new IfAddress(
                        name, p->ifa_flags, family, address, mask,
                        (p->ifa_flags & IFF_BROADCAST) != 0 ? ifu : null,
                        (p->ifa_flags & IFF_POINTOPOINT) != 0 ? ifu : null,
                        scope));
                }
            }
            finally
            {
                freeifaddrs(head);
            }

            errno = Errno.SUCCESS;
            return true;
        }

        private static byte[]? AddressBytes(sockaddr* sa, ushort family, out uint scope)
        {
            scope = 0;

            // The kernel leaves the netmask's family 0 on some interfaces; the entry's own family decides the layout.
            if (family == FamilyInet)
            {
                var sin = (sockaddr_in*)sa;
                return new ReadOnlySpan<byte>(sin->sin_addr, 4).ToArray();
            }

            if (family == FamilyInet6)
            {
                var sin6 = (sockaddr_in6*)sa;
                scope = sin6->sin6_scope_id;
                return new ReadOnlySpan<byte>(sin6->sin6_addr, 16).ToArray();
            }

            return null;
        }
    }
}
