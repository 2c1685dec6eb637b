// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>arm64 syscall numbers (asm-generic/unistd.h) and the audit architecture seccomp reports. The x86_64 twin is
    /// Interop.Syscalls.x64.cs; a syscall absent on an architecture is -1 there.</summary>
    internal static class Syscalls
    {
        /// <summary>AUDIT_ARCH_AARCH64 (linux/audit.h).</summary>
        internal const uint AUDIT_ARCH = 0xC00000B7;

        /// <summary>No x32-style ABI on arm64.</summary>
        internal const uint X32_SYSCALL_BIT = 0;

        internal const int read = 63;
        internal const int write = 64;
        internal const int open = -1;
        internal const int socket = 198;
        internal const int connect = 203;
        internal const int accept = 202;
        internal const int bind = 200;
        internal const int listen = 201;
        internal const int clone = 220;
        internal const int fork = -1;
        internal const int vfork = -1;
        internal const int execve = 221;
        internal const int kill = 129;
        internal const int rename = -1;
        internal const int mkdir = -1;
        internal const int rmdir = -1;
        internal const int creat = -1;
        internal const int link = -1;
        internal const int unlink = -1;
        internal const int symlink = -1;
        internal const int chmod = -1;
        internal const int fchmod = 52;
        internal const int ptrace = 117;
        internal const int setuid = 146;
        internal const int setgid = 144;
        internal const int setreuid = 145;
        internal const int setregid = 143;
        internal const int setresuid = 147;
        internal const int setresgid = 149;
        internal const int mount = 40;
        internal const int init_module = 105;
        internal const int mkdirat = 34;
        internal const int unlinkat = 35;
        internal const int renameat = 38;
        internal const int linkat = 37;
        internal const int symlinkat = 36;
        internal const int fchmodat = 53;
        internal const int unshare = 97;
        internal const int accept4 = 242;
        internal const int setns = 268;
        internal const int finit_module = 273;
        internal const int renameat2 = 276;
        internal const int seccomp = 277;
        internal const int memfd_create = 279;
        internal const int execveat = 281;
        internal const int openat = 56;
        internal const int pidfd_open = 434;
        internal const int clone3 = 435;
        internal const int openat2 = 437;
        internal const int pidfd_getfd = 438;
        internal const int fchmodat2 = 452;
    }
}
