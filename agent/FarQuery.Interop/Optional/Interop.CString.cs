// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Text;

internal static partial class Interop
{
    /// <summary>C string conversions for the optional libraries' wrappers.</summary>
    internal static unsafe class CString
    {
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
