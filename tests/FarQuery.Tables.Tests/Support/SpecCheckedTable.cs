// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Support;

/// <summary>Wraps a table so each row it yields is checked against the spec before the SQL host converts anything:
/// the row has one value per column and each value is NULL or its column's CLR type (long, double, string, byte[]).
/// The SQL host would turn an int into an integer and a stray string into NULL, so only here can a wrong type show.</summary>
internal sealed class SpecCheckedTable(Table inner, TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override TableSchema Schema => inner.Schema;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var row in inner.Generate(query))
        {
            Check(Schema, row);
            yield return row;
        }
    }

    /// <summary>Throws <see cref="RowTypeException"/> when <paramref name="row"/> does not fit <paramref name="schema"/>.</summary>
    public static void Check(TableSchema schema, object?[] row)
    {
        if (row.Length != schema.Columns.Count)
        {
            throw new RowTypeException($"{schema.Name}: a row has {row.Length} values for {schema.Columns.Count} columns");
        }

        for (var i = 0; i < row.Length; i++)
        {
            var column = schema.Columns[i];
            if (row[i] is { } value && !TableAssert.IsOfType(value, column.Type))
            {
                throw new RowTypeException($"{schema.Name}.{column.Name} is declared {column.Type} but the table yielded {value.GetType().Name} '{value}'");
            }
        }
    }
}

/// <summary>A table yielded a row that does not fit its spec.</summary>
internal sealed class RowTypeException(string message) : Exception(message);
