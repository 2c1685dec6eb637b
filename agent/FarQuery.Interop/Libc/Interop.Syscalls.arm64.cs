// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    /// <summary>The arm64 side of <see cref="Syscalls"/>: which column of numbers Interop.Syscalls.cs takes, and the
    /// audit architecture seccomp reports. The x86_64 twin is Interop.Syscalls.x64.cs.</summary>
    internal static partial class Syscalls
    {
        /// <summary>AUDIT_ARCH_AARCH64 (linux/audit.h).</summary>
        internal const uint AUDIT_ARCH = 0xC00000B7;

        /// <summary>No x32-style ABI on arm64.</summary>
        internal const uint X32_SYSCALL_BIT = 0;

        /// <summary>Interop.Syscalls.cs takes the arm64 numbers.</summary>
        private const bool X64 = false;
    }
}
