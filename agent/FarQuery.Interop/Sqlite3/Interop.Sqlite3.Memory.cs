// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Sqlite3
    {
        /// <summary>Result code of a statement that built a string or blob longer than <c>SQLITE_LIMIT_LENGTH</c>.</summary>
        internal const int SQLITE_TOOBIG = 18;

        /// <summary>sqlite3_limit category: the longest string or blob, in bytes.</summary>
        internal const int SQLITE_LIMIT_LENGTH = 0;

        /// <summary>sqlite3_limit category: the longest SQL text, in bytes.</summary>
        internal const int SQLITE_LIMIT_SQL_LENGTH = 1;

        /// <summary>https://sqlite.org/c3ref/hard_heap_limit64.html: past this many bytes of heap, every allocation of the
        /// process's SQLite fails with SQLITE_NOMEM. A negative argument only reads the limit.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial long sqlite3_hard_heap_limit64(long limit);

        /// <summary>https://sqlite.org/c3ref/hard_heap_limit64.html: past this many bytes SQLite first releases caches.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial long sqlite3_soft_heap_limit64(long limit);

        /// <summary>https://sqlite.org/c3ref/memory_highwater.html: bytes SQLite holds now.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial long sqlite3_memory_used();

        /// <summary>https://sqlite.org/c3ref/memory_highwater.html: the most bytes SQLite held; reset when
        /// <paramref name="reset"/> is non-zero.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial long sqlite3_memory_highwater(int reset);

        /// <summary>https://sqlite.org/c3ref/limit.html: sets a per-connection limit and returns the previous one (a
        /// negative value only reads it).</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_limit(nint db, int id, int newValue);
    }
}
