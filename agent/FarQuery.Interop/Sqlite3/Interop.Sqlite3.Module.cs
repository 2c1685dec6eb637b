// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    /// <summary>SQLite's virtual table API (https://sqlite.org/vtab.html), bound directly because SQLitePCLRaw does not expose it.</summary>
    internal static unsafe partial class Sqlite3
    {
        internal const int SQLITE_OK = 0;
        internal const int SQLITE_ERROR = 1;
        internal const int SQLITE_NOMEM = 7;
        internal const int SQLITE_INTERRUPT = 9;
        internal const int SQLITE_CONSTRAINT = 19;
        internal const int SQLITE_DONE = 101;

        internal const int SQLITE_INTEGER = 1;
        internal const int SQLITE_FLOAT = 2;
        internal const int SQLITE_TEXT = 3;
        internal const int SQLITE_BLOB = 4;

        /// <summary>Destructor sentinel: SQLite copies the buffer before the call returns.</summary>
        internal static readonly nint SQLITE_TRANSIENT = -1;

        internal const int SQLITE_INDEX_CONSTRAINT_EQ = 2;
        internal const int SQLITE_INDEX_CONSTRAINT_GT = 4;
        internal const int SQLITE_INDEX_CONSTRAINT_LE = 8;
        internal const int SQLITE_INDEX_CONSTRAINT_LT = 16;
        internal const int SQLITE_INDEX_CONSTRAINT_GE = 32;
        internal const int SQLITE_INDEX_CONSTRAINT_LIKE = 65;
        internal const int SQLITE_INDEX_CONSTRAINT_GLOB = 66;

        /// <summary>struct sqlite3_module, iVersion 3 layout (https://sqlite.org/c3ref/module.html).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_module
        {
            public int iVersion;
            public delegate* unmanaged<nint, nint, int, byte**, sqlite3_vtab**, byte**, int> xCreate;
            public delegate* unmanaged<nint, nint, int, byte**, sqlite3_vtab**, byte**, int> xConnect;
            public delegate* unmanaged<sqlite3_vtab*, sqlite3_index_info*, int> xBestIndex;
            public delegate* unmanaged<sqlite3_vtab*, int> xDisconnect;
            public delegate* unmanaged<sqlite3_vtab*, int> xDestroy;
            public delegate* unmanaged<sqlite3_vtab*, sqlite3_vtab_cursor**, int> xOpen;
            public delegate* unmanaged<sqlite3_vtab_cursor*, int> xClose;
            public delegate* unmanaged<sqlite3_vtab_cursor*, int, byte*, int, nint*, int> xFilter;
            public delegate* unmanaged<sqlite3_vtab_cursor*, int> xNext;
            public delegate* unmanaged<sqlite3_vtab_cursor*, int> xEof;
            public delegate* unmanaged<sqlite3_vtab_cursor*, nint, int, int> xColumn;
            public delegate* unmanaged<sqlite3_vtab_cursor*, long*, int> xRowid;
            public nint xUpdate;
            public nint xBegin;
            public nint xSync;
            public nint xCommit;
            public nint xRollback;
            public nint xFindFunction;
            public nint xRename;
            public nint xSavepoint;
            public nint xRelease;
            public nint xRollbackTo;
            public nint xShadowName;
        }

        /// <summary>struct sqlite3_vtab: the base every virtual table instance starts with.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_vtab
        {
            public sqlite3_module* pModule;
            public int nRef;
            public byte* zErrMsg;
        }

        /// <summary>struct sqlite3_vtab_cursor: the base every cursor starts with.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_vtab_cursor
        {
            public sqlite3_vtab* pVtab;
        }

        /// <summary>struct sqlite3_index_constraint.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_index_constraint
        {
            public int iColumn;
            public byte op;
            public byte usable;
            public int iTermOffset;
        }

        /// <summary>struct sqlite3_index_orderby.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_index_orderby
        {
            public int iColumn;
            public byte desc;
        }

        /// <summary>struct sqlite3_index_constraint_usage.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_index_constraint_usage
        {
            public int argvIndex;
            public byte omit;
        }

        /// <summary>struct sqlite3_index_info (https://sqlite.org/c3ref/index_info.html).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sqlite3_index_info
        {
            public int nConstraint;
            public sqlite3_index_constraint* aConstraint;
            public int nOrderBy;
            public sqlite3_index_orderby* aOrderBy;
            public sqlite3_index_constraint_usage* aConstraintUsage;
            public int idxNum;
            public byte* idxStr;
            public int needToFreeIdxStr;
            public int orderByConsumed;
            public double estimatedCost;
            public long estimatedRows;
            public int idxFlags;
            public ulong colUsed;
        }

        /// <summary>https://sqlite.org/c3ref/create_module.html: SQLite calls <paramref name="xDestroy"/> with
        /// <paramref name="pClientData"/> when the connection closes or the name is registered again, and also when this
        /// call fails.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_create_module_v2(nint db, byte* zName, sqlite3_module* p, nint pClientData, delegate* unmanaged<nint, void> xDestroy);

        /// <summary>https://sqlite.org/c3ref/declare_vtab.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_declare_vtab(nint db, byte* zSQL);

        /// <summary>The collation of constraint <paramref name="iCons"/> in xBestIndex (sqlite3_vtab_collation, SQLite
        /// 3.22): "BINARY" unless the term or the column names another.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial byte* sqlite3_vtab_collation(sqlite3_index_info* info, int iCons);

        /// <summary>In xBestIndex: with <paramref name="bHandle"/> -1, whether constraint <paramref name="iCons"/> is an IN
        /// list SQLite can hand to xFilter whole; with 1, asks for it whole (https://sqlite.org/c3ref/vtab_in.html, SQLite
        /// 3.38).</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_vtab_in(sqlite3_index_info* info, int iCons, int bHandle);

        /// <summary>In xFilter: the first value of a whole IN list (https://sqlite.org/c3ref/vtab_in_first.html);
        /// SQLITE_DONE when it is empty.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_vtab_in_first(nint list, nint* value);

        /// <summary>In xFilter: the next value of a whole IN list; SQLITE_DONE after the last.</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial int sqlite3_vtab_in_next(nint list, nint* value);

        /// <summary>https://sqlite.org/c3ref/free.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void* sqlite3_malloc(int n);

        /// <summary>https://sqlite.org/c3ref/free.html</summary>
        [LibraryImport(Libraries.Sqlite3)]
        internal static partial void sqlite3_free(void* p);
    }
}
