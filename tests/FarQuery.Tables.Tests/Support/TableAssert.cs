// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Tables.Tests.Support;

/// <summary>Shared checks for the per-table integration tests.</summary>
internal static class TableAssert
{
    /// <summary>A SQL host over every registered table and the given context.</summary>
    public static SqlHost Host(TableContext? context = null) => new(TableRegistry.All, context ?? new TableContext());

    /// <summary>Runs <c>select *</c> (or the given query) against the live container and checks that every value has the
    /// SQLite storage class of the column's declared type; returns the rows.</summary>
    public static QueryResult SelectStarMatchesSpec(string table, string? sql = null, TableContext? context = null)
    {
        var spec = TableRegistry.All.Single(t => t.Name == table).Schema;
        using var host = Host(context);
        var result = host.Query(sql ?? $"select * from {table}");
        var visible = spec.Columns.Where(c => !c.IsHidden).Select(c => c.Name).ToList();
        if (sql is null)
        {
            Assert.Equal(visible, result.Columns);
        }

        foreach (var row in result.Rows)
        {
            for (var i = 0; i < result.Columns.Count; i++)
            {
                var column = spec.Columns[spec.IndexOf(result.Columns[i])];
                var value = row[i];
                if (value is null)
                {
                    continue;
                }

                var ok = column.Type switch
                {
                    ColumnType.Text => value is string,
                    ColumnType.Double => value is double,
                    ColumnType.Blob => value is byte[],
                    _ => value is long,
                };
                Assert.True(ok, $"{table}.{column.Name} is declared {column.Type} but returned {value.GetType().Name} '{value}'");
            }
        }

        return result;
    }
}
