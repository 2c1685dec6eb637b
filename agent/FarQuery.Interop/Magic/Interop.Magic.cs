// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    /// <summary>libmagic's C API (magic.h, man 3 libmagic): a cookie per thread, loaded with the default or a given
    /// database, asked about a buffer. Cookies are not thread safe: one per query.</summary>
    internal static unsafe partial class Magic
    {
        /// <summary>The logical name the imports below use: never a file name, so only <see cref="OptionalLibrary"/>'s
        /// resolver binds it, to <see cref="Library"/>'s first candidate that loads.</summary>
        internal const string LibraryName = "farquery-optional-magic";

        /// <summary>The library: Debian's libmagic1.</summary>
        internal static readonly OptionalLibrary Library = new(LibraryName, ["libmagic.so.1"], "libmagic1");

        /// <summary>MAGIC_NONE: the textual description.</summary>
        internal const int MAGIC_NONE = 0x0000000;

        /// <summary>MAGIC_MIME_TYPE: the MIME type only.</summary>
        internal const int MAGIC_MIME_TYPE = 0x0000010;

        /// <summary>MAGIC_MIME_ENCODING: the MIME encoding only.</summary>
        internal const int MAGIC_MIME_ENCODING = 0x0000400;

        /// <summary>man 3 libmagic: magic_open; null on failure.</summary>
        [LibraryImport(LibraryName)]
        internal static partial nint magic_open(int flags);

        /// <summary>man 3 libmagic: magic_close.</summary>
        [LibraryImport(LibraryName)]
        internal static partial void magic_close(nint cookie);

        /// <summary>man 3 libmagic: magic_load; <paramref name="filename"/> null for the default database, else a
        /// colon-separated list. 0 on success.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int magic_load(nint cookie, byte* filename);

        /// <summary>man 3 libmagic: magic_setflags; -1 when a flag is not supported.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int magic_setflags(nint cookie, int flags);

        /// <summary>man 3 libmagic: magic_buffer; a string owned by the cookie, valid until the next call, or null.</summary>
        [LibraryImport(LibraryName)]
        internal static partial byte* magic_buffer(nint cookie, byte* buffer, nuint length);

        /// <summary>man 3 libmagic: magic_error; the last error or null.</summary>
        [LibraryImport(LibraryName)]
        internal static partial byte* magic_error(nint cookie);
    }
}
