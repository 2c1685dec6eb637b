// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Tables.Tests.Support;

/// <summary>What a test says about the number of rows its query returns.</summary>
internal enum Expect
{
    /// <summary>At least one row: zero rows fail the test, so a type check over them cannot pass vacuously.</summary>
    Rows,

    /// <summary>No row at all (the table is empty in this scenario by design).</summary>
    NoRows,
}

/// <summary>Shared checks for the per-table integration tests.</summary>
internal static class TableAssert
{
    /// <summary>A SQL host over every registered table and the given context; every row a table yields is checked
    /// against its spec before SQLite sees it (<see cref="SpecCheckedTable"/>).</summary>
    public static SqlHost Host(TableContext? context = null) => Host(TableRegistry.All, context);

    /// <summary>A SQL host over <paramref name="tables"/>, each checked as <see cref="Host(TableContext?)"/> does.</summary>
    public static SqlHost Host(IEnumerable<TableRegistration> tables, TableContext? context = null) =>
        new(tables.Select(t => t with { Factory = c => new SpecCheckedTable(t.Factory(c), c) }).ToList(), context ?? new TableContext());

    /// <summary>Runs <c>select *</c> (or the given query) against the live container and checks that it returns rows
    /// (or none, as <paramref name="expect"/> says), that every value the table yielded is of its column's declared
    /// type before any conversion, and that every value SQLite returned has that type's storage class.</summary>
    public static QueryResult SelectStarMatchesSpec(string table, string? sql = null, TableContext? context = null, Expect expect = Expect.Rows) =>
        SelectStarMatchesSpec(TableRegistry.All, table, sql, context, expect);

    /// <summary><see cref="SelectStarMatchesSpec(string, string?, TableContext?, Expect)"/> over the given tables.</summary>
    public static QueryResult SelectStarMatchesSpec(IReadOnlyList<TableRegistration> tables, string table, string? sql = null, TableContext? context = null, Expect expect = Expect.Rows)
    {
        var spec = tables.Single(t => t.Name == table).Schema;
        using var host = Host(tables, context);
        var result = host.Query(sql ?? $"select * from {table}");
        var visible = spec.Columns.Where(c => !c.IsHidden).Select(c => c.Name).ToList();
        if (sql is null)
        {
            Assert.Equal(visible, result.Columns);
        }

        if (expect == Expect.Rows)
        {
            Assert.True(result.Rows.Count > 0, $"{table}: the query returned no rows, so nothing was checked (a test that expects none says Expect.NoRows)");
        }
        else
        {
            Assert.True(result.Rows.Count == 0, $"{table}: expected no rows, got {result.Rows.Count}");
        }

        foreach (var row in result.Rows)
        {
            for (var i = 0; i < result.Columns.Count; i++)
            {
                var column = spec.Columns[spec.IndexOf(result.Columns[i])];
                var value = row[i];
                Assert.True(value is null || IsOfType(value, column.Type), $"{table}.{column.Name} is declared {column.Type} but returned {value?.GetType().Name} '{value}'");
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="value"/> is the one CLR type a column of <paramref name="type"/> holds: the type
    /// of the generated row's setter, and the storage class SQLite returns.</summary>
    public static bool IsOfType(object value, ColumnType type) => type switch
    {
        ColumnType.Text => value is string,
        ColumnType.Double => value is double,
        ColumnType.Blob => value is byte[],
        _ => value is long,
    };
}
