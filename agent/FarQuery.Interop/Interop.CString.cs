// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    /// <summary>C string conversions: paths passed to the C library, and the optional libraries' strings.</summary>
    internal static unsafe class CString
    {
        /// <summary>Room on the stack for a path passed to the C library; longer paths (rare: PATH_MAX is 4096) get an
        /// array instead.</summary>
        internal const int StackBytes = 1024;

        /// <summary>The NUL-terminated UTF-8 form of <paramref name="text"/> that the C library takes for a path, in
        /// <paramref name="scratch"/> when it fits (callers pass <c>stackalloc byte[CString.StackBytes]</c>), else in a
        /// new array. The span returned includes the terminating NUL.</summary>
        internal static Span<byte> ToCString(string text, Span<byte> scratch)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
            var buffer = max <= scratch.Length ? scratch : new byte[max];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            buffer[length] = 0;
            return buffer[..(length + 1)];
        }

        /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/>, or null for null.</summary>
        internal static byte[]? Utf8Z(string? s)
        {
            if (s is null)
            {
                return null;
            }

            var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, bytes);
            return bytes;
        }

        /// <summary>A C string as text, or null.</summary>
        internal static string? Text(byte* s) => s is null ? null : Marshal.PtrToStringUTF8((nint)s);
    }
}
