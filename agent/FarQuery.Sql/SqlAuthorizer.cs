// SPDX-License-Identifier: Apache-2.0
using System.Collections.Frozen;
using static Interop.Sqlite3;

namespace FarQuery.Sql;

/// <summary>The one SQL policy of the agent, for every caller (admin socket, in-process CLI, scheduler, distributed
/// queries): an allow-list over SQLite's authorizer actions (https://sqlite.org/c3ref/set_authorizer.html), as osquery
/// does, so an action this list does not name is refused. A statement may read tables and call functions; it may not
/// write, change the schema, attach files, open transactions, or set pragmas (<c>query_only = 0</c> would lift the
/// read-only guard for every later caller of the shared connection). Plain managed code: the native callback in
/// <c>SqlHost.Authorizer.cs</c> only converts its arguments.</summary>
internal static class SqlAuthorizer
{
    // Introspection pragmas take a table or index name and change nothing (https://sqlite.org/pragma.html#pragfunc
    // lists them among the side-effect-free ones); any other pragma with an argument sets a value.
    private static readonly FrozenSet<string> ReadingPragmas = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "function_list", "module_list", "pragma_list", "collation_list", "compile_options", "database_list");

    // The schema table under each of its names (https://sqlite.org/schematab.html).
    private static readonly FrozenSet<string> SchemaTables = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "sqlite_master", "sqlite_temp_master", "sqlite_schema", "sqlite_temp_schema");

    /// <summary>Null when the action may run; else why it is refused, in words for the operator.</summary>
    /// <param name="action">The authorizer action code (<c>SQLITE_READ</c>, <c>SQLITE_PRAGMA</c>, ...).</param>
    /// <param name="arg1">The action's first string (a table, pragma or file name), or null.</param>
    /// <param name="arg2">The action's second string (a column, pragma argument or function name), or null.</param>
    public static string? Refusal(int action, string? arg1, string? arg2) => action switch
    {
        SQLITE_SELECT or SQLITE_READ or SQLITE_FUNCTION or SQLITE_RECURSIVE => null,
        SQLITE_PRAGMA when arg2 is null || ReadingPragmas.Contains(arg1 ?? "") => null,

        // Writes to the schema table are SQLite's own bookkeeping for another action, which this list judges instead:
        // sqlite3_declare_vtab, which every virtual table (ours, json_each, pragma_table_info) calls when first
        // connected, authorizes the schema row an equivalent CREATE TABLE would update, though it writes nothing; a
        // CREATE or DROP inserts or deletes a row before its own action is refused. A statement's direct write to the
        // schema table is refused by SQLite itself (without writable_schema, a pragma assignment refused here) and by
        // query_only.
        SQLITE_INSERT or SQLITE_UPDATE or SQLITE_DELETE when IsSchemaTable(arg1) => null,
        SQLITE_PRAGMA => $"PRAGMA {arg1} with a value is refused: only pragmas that read run",

        // VACUUM has no action of its own: it attaches its output database, so it is refused here too.
        SQLITE_ATTACH => "ATTACH and VACUUM are refused: the agent's SQL is read-only and writes no files",
        SQLITE_DETACH => "DETACH is refused: the agent's SQL attaches no databases",
        SQLITE_TRANSACTION => $"{arg1 ?? "BEGIN"} is refused: each statement runs on its own, on a connection other callers share",
        SQLITE_SAVEPOINT => $"{(arg1 is null or "BEGIN" ? "SAVEPOINT" : arg1)} is refused: each statement runs on its own, on a connection other callers share",
        _ => $"{Describe(action, arg1, arg2)} is refused: the agent's SQL is read-only",
    };

    private static bool IsSchemaTable(string? table) => table is not null && SchemaTables.Contains(table);

    private static string Describe(int action, string? arg1, string? arg2) => action switch
    {
        SQLITE_CREATE_INDEX => $"CREATE INDEX {arg1}",
        SQLITE_CREATE_TABLE => $"CREATE TABLE {arg1}",
        SQLITE_CREATE_TEMP_INDEX => $"CREATE TEMP INDEX {arg1}",
        SQLITE_CREATE_TEMP_TABLE => $"CREATE TEMP TABLE {arg1}",
        SQLITE_CREATE_TEMP_TRIGGER => $"CREATE TEMP TRIGGER {arg1}",
        SQLITE_CREATE_TEMP_VIEW => $"CREATE TEMP VIEW {arg1}",
        SQLITE_CREATE_TRIGGER => $"CREATE TRIGGER {arg1}",
        SQLITE_CREATE_VIEW => $"CREATE VIEW {arg1}",
        SQLITE_CREATE_VTABLE => $"CREATE VIRTUAL TABLE {arg1}",
        SQLITE_DROP_INDEX or SQLITE_DROP_TEMP_INDEX => $"DROP INDEX {arg1}",
        SQLITE_DROP_TABLE or SQLITE_DROP_TEMP_TABLE or SQLITE_DROP_VTABLE => $"DROP TABLE {arg1}",
        SQLITE_DROP_TRIGGER or SQLITE_DROP_TEMP_TRIGGER => $"DROP TRIGGER {arg1}",
        SQLITE_DROP_VIEW or SQLITE_DROP_TEMP_VIEW => $"DROP VIEW {arg1}",
        SQLITE_INSERT => $"INSERT into {arg1}",
        SQLITE_UPDATE => $"UPDATE of {arg1}",
        SQLITE_DELETE => $"DELETE from {arg1}",

        // ALTER TABLE names the database first, then the table.
        SQLITE_ALTER_TABLE => $"ALTER TABLE {arg2}",
        SQLITE_REINDEX => "REINDEX",
        SQLITE_ANALYZE => "ANALYZE",
        _ => $"SQLite action {action}",
    };
}
