// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    internal static partial class Libc
    {
        // arm64 overrides these two (arch/arm64/include/uapi/asm/fcntl.h).
        internal const int O_DIRECTORY = 0x4000;
        internal const int O_NOFOLLOW = 0x8000;
    }
}
