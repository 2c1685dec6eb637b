// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Room on the stack for a path passed to the C library; longer paths (rare: PATH_MAX is 4096) get an
        /// array instead.</summary>
        internal const int CStringStackBytes = 1024;

        /// <summary>The NUL-terminated UTF-8 form of <paramref name="text"/> that the C library takes for a path, in
        /// <paramref name="scratch"/> when it fits (callers pass <c>stackalloc byte[CStringStackBytes]</c>), else in a new
        /// array. The span returned includes the terminating NUL.</summary>
        internal static Span<byte> ToCString(string text, Span<byte> scratch)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
            var buffer = max <= scratch.Length ? scratch : new byte[max];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            buffer[length] = 0;
            return buffer[..(length + 1)];
        }
    }
}
