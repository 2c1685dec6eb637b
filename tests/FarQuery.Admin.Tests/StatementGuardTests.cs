// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin.Tests;

public sealed class StatementGuardTests
{
    [Theory]
    [InlineData("select 1")]
    [InlineData("  WITH x AS (select 1) select * from x")]
    [InlineData("values (1), (2)")]
    [InlineData("explain query plan select * from processes")]
    [InlineData("pragma query_only")]
    [InlineData("PRAGMA table_info(processes)")]
    [InlineData("pragma main.table_xinfo('processes')")]
    [InlineData("select 'attach; vacuum' as s -- ; begin")]
    [InlineData("select \"begin\" from (select 1 as \"begin\") /* ; attach 'x' as y */")]
    [InlineData("select 1;")]
    [InlineData("insert into processes(pid) values (1)")]
    [InlineData("select name = 'x' from processes")]
    public void Check_ReadsAndPlainWrites_LeftToSqlite(string sql)
    {
        Assert.Null(StatementGuard.Check(sql));
    }

    [Theory]
    [InlineData("attach database '/tmp/x.db' as x", "ATTACH is refused")]
    [InlineData("ATTACH '/tmp/x.db' AS x", "ATTACH is refused")]
    [InlineData("detach x", "DETACH is refused")]
    [InlineData("vacuum into '/tmp/x.db'", "VACUUM is refused")]
    [InlineData("begin immediate", "BEGIN is refused")]
    [InlineData("savepoint a", "SAVEPOINT is refused")]
    [InlineData("pragma query_only = 0", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma query_only=false", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma query_only(0)", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma \"query_only\" = 0", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma main.writable_schema = 1", "PRAGMA writable_schema with a value is refused")]
    [InlineData("select 1; attach 'x' as y", "ATTACH is refused")]
    [InlineData("/* hi */ -- there\n attach 'x' as y", "ATTACH is refused")]
    [InlineData("select ';'; begin", "BEGIN is refused")]
    public void Check_StateChangingStatements_Refused(string sql, string message)
    {
        Assert.StartsWith(message, StatementGuard.Check(sql), StringComparison.Ordinal);
    }
}
