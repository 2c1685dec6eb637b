// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>Syscall numbers, x86_64 (asm/unistd_64.h) beside arm64 (asm-generic/unistd.h), and the audit
    /// architecture seccomp reports. One table for both, so a syscall is added to both or to neither; the build picks
    /// the column with <see cref="Arch.IsX64"/>. A syscall absent on an architecture is -1 there (arm64 has only the
    /// *at forms of the path calls, and no fork or vfork).</summary>
    internal static class Syscalls
    {
        /// <summary>AUDIT_ARCH_X86_64 or AUDIT_ARCH_AARCH64 (linux/audit.h).</summary>
        internal const uint AUDIT_ARCH = Arch.IsX64 ? 0xC000003E : 0xC00000B7;

        /// <summary>Bit set in nr by x32-ABI syscalls on x86_64; arm64 has no such ABI.</summary>
        internal const uint X32_SYSCALL_BIT = Arch.IsX64 ? 0x40000000 : 0;

        // name = x86_64 : arm64
        internal const int read =         Arch.IsX64 ? 0 : 63;
        internal const int write =        Arch.IsX64 ? 1 : 64;
        internal const int open =         Arch.IsX64 ? 2 : -1;
        internal const int socket =       Arch.IsX64 ? 41 : 198;
        internal const int connect =      Arch.IsX64 ? 42 : 203;
        internal const int accept =       Arch.IsX64 ? 43 : 202;
        internal const int bind =         Arch.IsX64 ? 49 : 200;
        internal const int listen =       Arch.IsX64 ? 50 : 201;
        internal const int clone =        Arch.IsX64 ? 56 : 220;
        internal const int fork =         Arch.IsX64 ? 57 : -1;
        internal const int vfork =        Arch.IsX64 ? 58 : -1;
        internal const int execve =       Arch.IsX64 ? 59 : 221;
        internal const int kill =         Arch.IsX64 ? 62 : 129;
        internal const int rename =       Arch.IsX64 ? 82 : -1;
        internal const int mkdir =        Arch.IsX64 ? 83 : -1;
        internal const int rmdir =        Arch.IsX64 ? 84 : -1;
        internal const int creat =        Arch.IsX64 ? 85 : -1;
        internal const int link =         Arch.IsX64 ? 86 : -1;
        internal const int unlink =       Arch.IsX64 ? 87 : -1;
        internal const int symlink =      Arch.IsX64 ? 88 : -1;
        internal const int chmod =        Arch.IsX64 ? 90 : -1;
        internal const int fchmod =       Arch.IsX64 ? 91 : 52;
        internal const int ptrace =       Arch.IsX64 ? 101 : 117;
        internal const int setuid =       Arch.IsX64 ? 105 : 146;
        internal const int setgid =       Arch.IsX64 ? 106 : 144;
        internal const int setreuid =     Arch.IsX64 ? 113 : 145;
        internal const int setregid =     Arch.IsX64 ? 114 : 143;
        internal const int setresuid =    Arch.IsX64 ? 117 : 147;
        internal const int setresgid =    Arch.IsX64 ? 119 : 149;
        internal const int mount =        Arch.IsX64 ? 165 : 40;
        internal const int init_module =  Arch.IsX64 ? 175 : 105;
        internal const int mkdirat =      Arch.IsX64 ? 258 : 34;
        internal const int unlinkat =     Arch.IsX64 ? 263 : 35;
        internal const int renameat =     Arch.IsX64 ? 264 : 38;
        internal const int linkat =       Arch.IsX64 ? 265 : 37;
        internal const int symlinkat =    Arch.IsX64 ? 266 : 36;
        internal const int fchmodat =     Arch.IsX64 ? 268 : 53;
        internal const int unshare =      Arch.IsX64 ? 272 : 97;
        internal const int accept4 =      Arch.IsX64 ? 288 : 242;
        internal const int setns =        Arch.IsX64 ? 308 : 268;
        internal const int finit_module = Arch.IsX64 ? 313 : 273;
        internal const int renameat2 =    Arch.IsX64 ? 316 : 276;
        internal const int seccomp =      Arch.IsX64 ? 317 : 277;
        internal const int memfd_create = Arch.IsX64 ? 319 : 279;
        internal const int execveat =     Arch.IsX64 ? 322 : 281;
        internal const int openat =       Arch.IsX64 ? 257 : 56;
        internal const int pidfd_open =   Arch.IsX64 ? 434 : 434;
        internal const int clone3 =       Arch.IsX64 ? 435 : 435;
        internal const int openat2 =      Arch.IsX64 ? 437 : 437;
        internal const int pidfd_getfd =  Arch.IsX64 ? 438 : 438;
        internal const int fchmodat2 =    Arch.IsX64 ? 452 : 452;
    }
}
