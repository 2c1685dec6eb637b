// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>Syscall numbers in x86_64 order: the x86_64 number (asm/unistd_64.h) first, the arm64 one
    /// (asm-generic/unistd.h) second, picked at compile time by <c>X64</c> from the architecture's file
    /// (Interop.Syscalls.x64.cs or .arm64.cs, which also hold the audit architecture seccomp reports). One line a
    /// syscall keeps the two architectures side by side, so adding one cannot forget either.</summary>
    internal static partial class Syscalls
    {
        /// <summary>The number of a syscall the architecture lacks (arm64 has no legacy path syscalls, fork or vfork);
        /// the tracer leaves such syscalls out.</summary>
        private const int Absent = -1;

        internal const int read = X64 ? 0 : 63;
        internal const int write = X64 ? 1 : 64;
        internal const int socket = X64 ? 41 : 198;
        internal const int connect = X64 ? 42 : 203;
        internal const int accept = X64 ? 43 : 202;
        internal const int bind = X64 ? 49 : 200;
        internal const int listen = X64 ? 50 : 201;
        internal const int clone = X64 ? 56 : 220;
        internal const int execve = X64 ? 59 : 221;
        internal const int kill = X64 ? 62 : 129;
        internal const int fchmod = X64 ? 91 : 52;
        internal const int ptrace = X64 ? 101 : 117;
        internal const int setuid = X64 ? 105 : 146;
        internal const int setgid = X64 ? 106 : 144;
        internal const int setreuid = X64 ? 113 : 145;
        internal const int setregid = X64 ? 114 : 143;
        internal const int setresuid = X64 ? 117 : 147;
        internal const int setresgid = X64 ? 119 : 149;
        internal const int mount = X64 ? 165 : 40;
        internal const int init_module = X64 ? 175 : 105;
        internal const int openat = X64 ? 257 : 56;
        internal const int mkdirat = X64 ? 258 : 34;
        internal const int unlinkat = X64 ? 263 : 35;
        internal const int renameat = X64 ? 264 : 38;
        internal const int linkat = X64 ? 265 : 37;
        internal const int symlinkat = X64 ? 266 : 36;
        internal const int fchmodat = X64 ? 268 : 53;
        internal const int unshare = X64 ? 272 : 97;
        internal const int accept4 = X64 ? 288 : 242;
        internal const int setns = X64 ? 308 : 268;
        internal const int finit_module = X64 ? 313 : 273;
        internal const int renameat2 = X64 ? 316 : 276;
        internal const int seccomp = X64 ? 317 : 277;
        internal const int memfd_create = X64 ? 319 : 279;
        internal const int execveat = X64 ? 322 : 281;
        internal const int pidfd_open = X64 ? 434 : 434;
        internal const int clone3 = X64 ? 435 : 435;
        internal const int openat2 = X64 ? 437 : 437;
        internal const int pidfd_getfd = X64 ? 438 : 438;
        internal const int fchmodat2 = X64 ? 452 : 452;

        // x86_64 only: arm64's generic table dropped the legacy path syscalls (the *at forms replace them) and fork and
        // vfork (libc uses clone).
        internal const int open = X64 ? 2 : Absent;
        internal const int fork = X64 ? 57 : Absent;
        internal const int vfork = X64 ? 58 : Absent;
        internal const int rename = X64 ? 82 : Absent;
        internal const int mkdir = X64 ? 83 : Absent;
        internal const int rmdir = X64 ? 84 : Absent;
        internal const int creat = X64 ? 85 : Absent;
        internal const int link = X64 ? 86 : Absent;
        internal const int unlink = X64 ? 87 : Absent;
        internal const int symlink = X64 ? 88 : Absent;
        internal const int chmod = X64 ? 90 : Absent;
    }
}
