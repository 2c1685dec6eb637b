// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>The x86_64 side of <see cref="Syscalls"/>: which column of numbers Interop.Syscalls.cs takes, and the
    /// audit architecture seccomp reports. The arm64 twin is Interop.Syscalls.arm64.cs.</summary>
    internal static partial class Syscalls
    {
        /// <summary>AUDIT_ARCH_X86_64 (linux/audit.h).</summary>
        internal const uint AUDIT_ARCH = 0xC000003E;

        /// <summary>Bit set in nr by x32-ABI syscalls on x86_64.</summary>
        internal const uint X32_SYSCALL_BIT = 0x40000000;

        /// <summary>Interop.Syscalls.cs takes the x86_64 numbers.</summary>
        private const bool X64 = true;
    }
}
