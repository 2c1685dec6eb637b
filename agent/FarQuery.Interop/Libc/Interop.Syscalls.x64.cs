// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>x86_64 syscall numbers (asm/unistd_64.h) and the audit architecture seccomp reports. The arm64 twin is
    /// Interop.Syscalls.arm64.cs; a syscall absent on an architecture is -1 there.</summary>
    internal static class Syscalls
    {
        /// <summary>AUDIT_ARCH_X86_64 (linux/audit.h).</summary>
        internal const uint AUDIT_ARCH = 0xC000003E;

        /// <summary>Bit set in nr by x32-ABI syscalls on x86_64.</summary>
        internal const uint X32_SYSCALL_BIT = 0x40000000;

        internal const int read = 0;
        internal const int write = 1;
        internal const int open = 2;
        internal const int socket = 41;
        internal const int connect = 42;
        internal const int accept = 43;
        internal const int bind = 49;
        internal const int listen = 50;
        internal const int clone = 56;
        internal const int fork = 57;
        internal const int vfork = 58;
        internal const int execve = 59;
        internal const int kill = 62;
        internal const int rename = 82;
        internal const int mkdir = 83;
        internal const int rmdir = 84;
        internal const int creat = 85;
        internal const int link = 86;
        internal const int unlink = 87;
        internal const int symlink = 88;
        internal const int chmod = 90;
        internal const int fchmod = 91;
        internal const int ptrace = 101;
        internal const int setuid = 105;
        internal const int setgid = 106;
        internal const int setreuid = 113;
        internal const int setregid = 114;
        internal const int setresuid = 117;
        internal const int setresgid = 119;
        internal const int mount = 165;
        internal const int init_module = 175;
        internal const int mkdirat = 258;
        internal const int unlinkat = 263;
        internal const int renameat = 264;
        internal const int linkat = 265;
        internal const int symlinkat = 266;
        internal const int fchmodat = 268;
        internal const int unshare = 272;
        internal const int accept4 = 288;
        internal const int setns = 308;
        internal const int finit_module = 313;
        internal const int renameat2 = 316;
        internal const int seccomp = 317;
        internal const int memfd_create = 319;
        internal const int execveat = 322;
        internal const int openat = 257;
        internal const int pidfd_open = 434;
        internal const int clone3 = 435;
        internal const int openat2 = 437;
        internal const int pidfd_getfd = 438;
        internal const int fchmodat2 = 452;
    }
}
