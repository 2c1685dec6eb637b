// SPDX-License-Identifier: Apache-2.0
using static Interop.Sqlite3;

namespace FarQuery.Sql.Tests;

/// <summary>The allow-list on plain action codes, as SQLite's authorizer passes them; no SQLite connection is opened
/// here (SqlHostTests runs the same policy through SQLite).</summary>
public sealed class SqlAuthorizerTests
{
    [Theory]
    [InlineData(SQLITE_SELECT, null, null)]
    [InlineData(SQLITE_READ, "processes", "pid")]
    [InlineData(SQLITE_READ, "sqlite_master", "sql")]
    [InlineData(SQLITE_FUNCTION, null, "count")]
    [InlineData(SQLITE_RECURSIVE, null, null)]
    [InlineData(SQLITE_PRAGMA, "query_only", null)]
    [InlineData(SQLITE_PRAGMA, "table_info", "processes")]
    [InlineData(SQLITE_PRAGMA, "TABLE_XINFO", "processes")]
    [InlineData(SQLITE_UPDATE, "sqlite_master", "sql")]
    [InlineData(SQLITE_INSERT, "sqlite_temp_master", null)]
    [InlineData(SQLITE_DELETE, "sqlite_schema", null)]
    public void Refusal_AllowedAction_Null(int action, string? arg1, string? arg2)
    {
        Assert.Null(SqlAuthorizer.Refusal(action, arg1, arg2));
    }

    [Theory]
    [InlineData(SQLITE_ATTACH, "/tmp/x.db", null, "ATTACH and VACUUM are refused")]
    [InlineData(SQLITE_ATTACH, "", null, "ATTACH and VACUUM are refused")]
    [InlineData(SQLITE_DETACH, "x", null, "DETACH is refused")]
    [InlineData(SQLITE_TRANSACTION, "BEGIN", null, "BEGIN is refused")]
    [InlineData(SQLITE_TRANSACTION, "COMMIT", null, "COMMIT is refused")]
    [InlineData(SQLITE_SAVEPOINT, "BEGIN", "a", "SAVEPOINT is refused")]
    [InlineData(SQLITE_SAVEPOINT, "RELEASE", "a", "RELEASE is refused")]
    [InlineData(SQLITE_PRAGMA, "query_only", "0", "PRAGMA query_only with a value is refused")]
    [InlineData(SQLITE_PRAGMA, "writable_schema", "1", "PRAGMA writable_schema with a value is refused")]
    [InlineData(SQLITE_INSERT, "processes", null, "INSERT into processes is refused")]
    [InlineData(SQLITE_UPDATE, "processes", "pid", "UPDATE of processes is refused")]
    [InlineData(SQLITE_DELETE, "processes", null, "DELETE from processes is refused")]
    [InlineData(SQLITE_CREATE_TABLE, "t", null, "CREATE TABLE t is refused")]
    [InlineData(SQLITE_CREATE_TEMP_VIEW, "v", null, "CREATE TEMP VIEW v is refused")]
    [InlineData(SQLITE_CREATE_VTABLE, "j", "json_each", "CREATE VIRTUAL TABLE j is refused")]
    [InlineData(SQLITE_DROP_VTABLE, "processes", "processes", "DROP TABLE processes is refused")]
    [InlineData(SQLITE_ALTER_TABLE, "main", "t", "ALTER TABLE t is refused")]
    [InlineData(SQLITE_ANALYZE, "processes", null, "ANALYZE is refused")]
    [InlineData(SQLITE_REINDEX, null, null, "REINDEX is refused")]
    public void Refusal_ActionOutsideTheList_RefusedWithReason(int action, string? arg1, string? arg2, string reason)
    {
        Assert.StartsWith(reason, SqlAuthorizer.Refusal(action, arg1, arg2), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_UnknownAction_Refused()
    {
        // An allow-list: an action SQLite adds later is refused until it is listed.
        Assert.Equal("SQLite action 99 is refused: the agent's SQL is read-only", SqlAuthorizer.Refusal(99, null, null));
    }
}
