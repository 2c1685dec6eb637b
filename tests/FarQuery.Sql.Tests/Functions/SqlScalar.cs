// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Runs one-value statements on a real SqlHost (no tables), so the functions are exercised through SQLite as
/// a query calls them.</summary>
internal static class SqlScalar
{
    public static object? Run(string sql)
    {
        using var host = new SqlHost([], new TableContext());
        return host.Query(sql).Rows[0][0];
    }

    public static object?[] Row(string sql)
    {
        using var host = new SqlHost([], new TableContext());
        return host.Query(sql).Rows[0];
    }

    public static string Error(string sql)
    {
        using var host = new SqlHost([], new TableContext());
        return Assert.Throws<SqlQueryException>(() => host.Query(sql)).Message;
    }
}
