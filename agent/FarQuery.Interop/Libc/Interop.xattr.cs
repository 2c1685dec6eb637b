// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>man 2 listxattr: the NUL-separated attribute names of a file (following symlinks); with
        /// <paramref name="size"/> 0 the size the list needs. Returns the byte count, or -1 with errno.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint listxattr(byte* path, byte* list, nuint size);

        /// <summary>man 2 getxattr: one attribute's value (following symlinks); with <paramref name="size"/> 0 the
        /// size the value needs. Returns the byte count, or -1 with errno (ENODATA when the file has no such name).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint getxattr(byte* path, byte* name, byte* value, nuint size);

        /// <summary>man 2 setxattr; <paramref name="flags"/> 0 creates or replaces. Tests give files attributes with it.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int setxattr(string path, string name, byte* value, nuint size, int flags);

        // A name list or value can change size between the sizing call and the read (another process sets an
        // attribute): ERANGE then, and the pair is tried again a few times before giving up.
        private const int XattrAttempts = 4;

        /// <summary>listxattr for callers without unsafe code: the attribute names in the kernel's order; false with
        /// errno (ENOENT, EACCES, EOPNOTSUPP on a file system without attributes).</summary>
        internal static bool TryListXattr(string path, out List<string> names, out Errno errno)
        {
            var ok = TryReadSized(Utf8z(path), null, out var list, out errno);
            names = ok ? [.. Encoding.UTF8.GetString(list).Split('\0', StringSplitOptions.RemoveEmptyEntries)] : [];
            return ok;
        }

        /// <summary>getxattr for callers without unsafe code: the raw value; false with errno (ENODATA when the
        /// attribute went away after it was listed).</summary>
        internal static bool TryGetXattr(string path, string name, out byte[] value, out Errno errno) =>
            TryReadSized(Utf8z(path), Utf8z(name), out value, out errno);

        /// <summary>The sizing call, then the read into a buffer of that size: listxattr without a name, getxattr with one.</summary>
        private static bool TryReadSized(byte[] path, byte[]? name, out byte[] data, out Errno errno)
        {
            data = [];
            errno = Errno.ERANGE;
            for (var attempt = 0; attempt < XattrAttempts && errno == Errno.ERANGE; attempt++)
            {
                fixed (byte* p = path)
                fixed (byte* n = name)
                {
                    var size = XattrCall(p, n, null, 0);
                    if (size < 0)
                    {
                        errno = LastErrno;
                        return false;
                    }

                    var buffer = new byte[size];
                    fixed (byte* b = buffer)
                    {
                        var got = size == 0 ? 0 : XattrCall(p, n, b, (nuint)size);
                        if (got >= 0)
                        {
                            data = buffer.AsSpan(0, (int)got).ToArray();
                            errno = Errno.SUCCESS;
                            return true;
                        }

                        errno = LastErrno;
                    }
                }
            }

            return false;
        }

        private static nint XattrCall(byte* path, byte* name, byte* buffer, nuint size) =>
            name == null ? listxattr(path, buffer, size) : getxattr(path, name, buffer, size);

        private static byte[] Utf8z(string s)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, bytes);
            return bytes;
        }
    }
}
