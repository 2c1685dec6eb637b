// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // netinet/in.h, bits/socket_type.h.
        internal const int SOL_IP = 0;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_CLOEXEC = 0x80000;
        internal const int IPPROTO_RAW = 255;

        // linux/netfilter_ipv4/ip_tables.h, linux/netfilter/x_tables.h, linux/netfilter.h: the legacy iptables
        // get-sockopts that iptables-legacy and osquery's libiptc read the rule blob with.
        internal const int IPT_SO_GET_INFO = 64;
        internal const int IPT_SO_GET_ENTRIES = 65;
        internal const int XT_TABLE_MAXNAMELEN = 32;
        internal const int XT_FUNCTION_MAXNAMELEN = 30;
        internal const int XT_EXTENSION_MAXNAMELEN = 29;
        internal const int NF_INET_NUMHOOKS = 5;
        internal const int NF_DROP = 0;
        internal const int NF_ACCEPT = 1;
        internal const int NF_QUEUE = 3;
        internal const int XT_RETURN = -5;
        internal const int IFNAMSIZ = 16;
        internal const int IPT_INV_VIA_IN = 0x01;
        internal const int IPT_INV_VIA_OUT = 0x02;
        internal const int IPT_INV_SRCIP = 0x08;
        internal const int IPT_INV_DSTIP = 0x10;
        internal const int IPT_INV_PROTO = 0x40;

        /// <summary>NF_INET_NUMHOOKS unsigned ints (hook_entry, underflow).</summary>
        [InlineArray(NF_INET_NUMHOOKS)]
        internal struct HookOffsets
        {
            private uint element;
        }

        /// <summary>A table name, XT_TABLE_MAXNAMELEN bytes, NUL-padded.</summary>
        [InlineArray(XT_TABLE_MAXNAMELEN)]
        internal struct TableName
        {
            private byte element;
        }

        /// <summary>An interface name or mask, IFNAMSIZ bytes.</summary>
        [InlineArray(IFNAMSIZ)]
        internal struct IfName
        {
            private byte element;
        }

        /// <summary>struct ipt_getinfo: what IPT_SO_GET_INFO fills for the table named in <c>name</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ipt_getinfo
        {
            internal TableName name;
            internal uint valid_hooks;
            internal HookOffsets hook_entry;
            internal HookOffsets underflow;
            internal uint num_entries;
            internal uint size;
        }

        /// <summary>struct ipt_get_entries: the IPT_SO_GET_ENTRIES header; <c>size</c> bytes of ipt_entry records
        /// follow at offset 40 (entrytable is 8-byte aligned by the u64 counters inside ipt_entry).</summary>
        [StructLayout(LayoutKind.Sequential, Size = 40)]
        internal struct ipt_get_entries
        {
            internal TableName name;
            internal uint size;
        }

        /// <summary>struct ipt_ip: the address and interface part of a rule.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ipt_ip
        {
            internal uint src;
            internal uint dst;
            internal uint smsk;
            internal uint dmsk;
            internal IfName iniface;
            internal IfName outiface;
            internal IfName iniface_mask;
            internal IfName outiface_mask;
            internal ushort proto;
            internal byte flags;
            internal byte invflags;
        }

        /// <summary>struct xt_counters.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct xt_counters
        {
            internal ulong pcnt;
            internal ulong bcnt;
        }

        /// <summary>struct ipt_entry: one rule; matches follow it, the target sits at target_offset, the next rule
        /// at next_offset.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ipt_entry
        {
            internal ipt_ip ip;
            internal uint nfcache;
            internal ushort target_offset;
            internal ushort next_offset;
            internal uint comefrom;
            internal xt_counters counters;
        }

        /// <summary>The user view of struct xt_entry_match / xt_entry_target (same 32-byte header): size including
        /// data, extension name, revision.</summary>
        [InlineArray(XT_EXTENSION_MAXNAMELEN)]
        internal struct ExtensionName
        {
            private byte element;
        }

        /// <summary>struct xt_entry_target's u.user member (and xt_entry_match's, whose layout is identical).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct xt_entry_target
        {
            internal ushort target_size;
            internal ExtensionName name;
            internal byte revision;
        }

        /// <summary>man 2 socket.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int socket(int domain, int type, int protocol);

        /// <summary>Reads one legacy iptables table's header and rule blob, as iptables-legacy does: a raw IPv4 socket,
        /// IPT_SO_GET_INFO for the sizes, then IPT_SO_GET_ENTRIES. Needs CAP_NET_ADMIN in the socket's network
        /// namespace; false with the errno when refused (EPERM), when the table or x_tables is missing (ENOENT,
        /// ENOPROTOOPT), or when the table changed size between the two calls (EAGAIN: the caller may retry).</summary>
        internal static unsafe bool TryIptGetEntries(string table, out ipt_getinfo info, out byte[] entries, out Errno errno)
        {
            info = default;
            entries = [];
            var bytes = System.Text.Encoding.ASCII.GetBytes(table);
            if (bytes.Length >= XT_TABLE_MAXNAMELEN)
            {
                errno = Errno.EINVAL;
                return false;
            }

            var fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
            if (fd < 0)
            {
                errno = LastErrno;
                return false;
            }

            try
            {
                bytes.CopyTo(info.name);
                var len = (uint)sizeof(ipt_getinfo);
                fixed (ipt_getinfo* p = &info)
                {
                    if (getsockopt(fd, SOL_IP, IPT_SO_GET_INFO, p, &len) != 0)
                    {
                        errno = LastErrno;
                        return false;
                    }
                }

                var buffer = new byte[sizeof(ipt_get_entries) + info.size];
                bytes.CopyTo(buffer);
                fixed (byte* b = buffer)
                {
                    ((ipt_get_entries*)b)->size = info.size;
                    len = (uint)buffer.Length;
                    if (getsockopt(fd, SOL_IP, IPT_SO_GET_ENTRIES, b, &len) != 0)
                    {
                        errno = LastErrno;
                        return false;
                    }
                }

                entries = buffer[sizeof(ipt_get_entries)..];
                errno = Errno.SUCCESS;
                return true;
            }
            finally
            {
                _ = close(fd);
            }
        }
    }
}
