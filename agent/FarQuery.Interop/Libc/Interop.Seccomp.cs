// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // linux/seccomp.h and linux/filter.h / linux/bpf_common.h; man 2 seccomp.
        internal const int SECCOMP_MODE_FILTER = 2;
        internal const uint SECCOMP_SET_MODE_FILTER = 1;
        internal const uint SECCOMP_FILTER_FLAG_SPEC_ALLOW = 1u << 2;

        internal const uint SECCOMP_RET_KILL_PROCESS = 0x80000000;
        internal const uint SECCOMP_RET_ERRNO = 0x00050000;
        internal const uint SECCOMP_RET_TRACE = 0x7ff00000;
        internal const uint SECCOMP_RET_ALLOW = 0x7fff0000;

        internal const ushort BPF_LD = 0x00;
        internal const ushort BPF_JMP = 0x05;
        internal const ushort BPF_RET = 0x06;
        internal const ushort BPF_W = 0x00;
        internal const ushort BPF_ABS = 0x20;
        internal const ushort BPF_JA = 0x00;
        internal const ushort BPF_JEQ = 0x10;
        internal const ushort BPF_JGE = 0x30;
        internal const ushort BPF_JSET = 0x40;
        internal const ushort BPF_K = 0x00;
        internal const ushort BPF_MAXINSNS = 4096;

        /// <summary>struct sock_filter: one classic-BPF instruction (8 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sock_filter
        {
            public ushort code;
            public byte jt;
            public byte jf;
            public uint k;
        }

        /// <summary>struct sock_fprog (16 bytes on 64-bit: len, padding, pointer).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sock_fprog
        {
            public ushort len;
            public sock_filter* filter;
        }

        /// <summary>Offsets into struct seccomp_data (64 bytes), the packet a seccomp filter reads.</summary>
        internal static class seccomp_data
        {
            internal const uint nr = 0;
            internal const uint arch = 4;
            internal const uint instruction_pointer = 8;
            internal const uint args = 16;
            internal const int Size = 64;
        }
    }
}
