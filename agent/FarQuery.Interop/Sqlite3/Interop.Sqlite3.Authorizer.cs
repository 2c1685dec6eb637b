// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    /// <summary>SQLite's compile-time authorization callback (https://sqlite.org/c3ref/set_authorizer.html) and its
    /// action codes (https://sqlite.org/c3ref/c_alter_table.html).</summary>
    internal static unsafe partial class Sqlite3
    {
        /// <summary>Result code of a statement the authorizer refused.</summary>
        internal const int SQLITE_AUTH = 23;

        /// <summary>Authorizer answer: refuse the statement with an error.</summary>
        internal const int SQLITE_DENY = 1;

        internal const int SQLITE_CREATE_INDEX = 1;
        internal const int SQLITE_CREATE_TABLE = 2;
        internal const int SQLITE_CREATE_TEMP_INDEX = 3;
        internal const int SQLITE_CREATE_TEMP_TABLE = 4;
        internal const int SQLITE_CREATE_TEMP_TRIGGER = 5;
        internal const int SQLITE_CREATE_TEMP_VIEW = 6;
        internal const int SQLITE_CREATE_TRIGGER = 7;
        internal const int SQLITE_CREATE_VIEW = 8;
        internal const int SQLITE_DELETE = 9;
        internal const int SQLITE_DROP_INDEX = 10;
        internal const int SQLITE_DROP_TABLE = 11;
        internal const int SQLITE_DROP_TEMP_INDEX = 12;
        internal const int SQLITE_DROP_TEMP_TABLE = 13;
        internal const int SQLITE_DROP_TEMP_TRIGGER = 14;
        internal const int SQLITE_DROP_TEMP_VIEW = 15;
        internal const int SQLITE_DROP_TRIGGER = 16;
        internal const int SQLITE_DROP_VIEW = 17;
        internal const int SQLITE_INSERT = 18;
        internal const int SQLITE_PRAGMA = 19;
        internal const int SQLITE_READ = 20;
        internal const int SQLITE_SELECT = 21;
        internal const int SQLITE_TRANSACTION = 22;
        internal const int SQLITE_UPDATE = 23;
        internal const int SQLITE_ATTACH = 24;
        internal const int SQLITE_DETACH = 25;
        internal const int SQLITE_ALTER_TABLE = 26;
        internal const int SQLITE_REINDEX = 27;
        internal const int SQLITE_ANALYZE = 28;
        internal const int SQLITE_CREATE_VTABLE = 29;
        internal const int SQLITE_DROP_VTABLE = 30;
        internal const int SQLITE_FUNCTION = 31;
        internal const int SQLITE_SAVEPOINT = 32;
        internal const int SQLITE_RECURSIVE = 33;

        /// <summary>https://sqlite.org/c3ref/set_authorizer.html: <paramref name="xAuth"/> is called while each statement
        /// is prepared, with an action code, up to four strings (NULL when absent) and <paramref name="pUserData"/>.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_set_authorizer(nint db, delegate* unmanaged<nint, int, byte*, byte*, byte*, byte*, int> xAuth, nint pUserData);
    }
}
