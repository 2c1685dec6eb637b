// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    internal static partial class Libc
    {
        // x86_64 values (arch/x86 uses asm-generic/fcntl.h).
        internal const int O_DIRECTORY = 0x10000;
        internal const int O_NOFOLLOW = 0x20000;
    }
}
