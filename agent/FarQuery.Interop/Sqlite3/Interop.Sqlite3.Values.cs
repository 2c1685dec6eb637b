// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Sqlite3
    {
        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_value_type(nint value);

        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial long sqlite3_value_int64(nint value);

        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial double sqlite3_value_double(nint value);

        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial byte* sqlite3_value_text(nint value);

        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void* sqlite3_value_blob(nint value);

        /// <summary>https://sqlite.org/c3ref/value_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_value_bytes(nint value);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_int64(nint ctx, long value);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_double(nint ctx, double value);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_null(nint ctx);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_text(nint ctx, byte* value, int n, nint destructor);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_blob(nint ctx, void* value, int n, nint destructor);

        /// <summary>https://sqlite.org/c3ref/result_blob.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_result_error(nint ctx, byte* message, int n);
    }
}
