// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Base of every table implementation. The generated half of each table supplies <see cref="Schema"/> and the
/// column ordinals (<c>C.Pid</c>); the hand-written half supplies <see cref="Generate"/>.</summary>
/// <param name="context">Services shared by all tables of one agent.</param>
public abstract class Table(TableContext context)
{
    /// <summary>Services shared by all tables.</summary>
    protected TableContext Context { get; } = context;

    /// <summary>The table's spec.</summary>
    public abstract TableSchema Schema { get; }

    /// <summary>Yields rows lazily, one array per row indexed by column ordinal. Values may be null, long, int, uint,
    /// ulong, bool, double, string or byte[]; the SQL host converts them to the column's declared type.</summary>
    public abstract IEnumerable<object?[]> Generate(QueryContext query);

    /// <summary>A new row with every column NULL.</summary>
    protected object?[] NewRow() => new object?[Schema.Columns.Count];
}

/// <summary>How the SQL host finds and builds a table; the generated registry lists one per spec.</summary>
/// <param name="Schema">The table's spec.</param>
/// <param name="Factory">Builds the table for an agent.</param>
public sealed record TableRegistration(TableSchema Schema, Func<TableContext, Table> Factory)
{
    /// <summary>The SQL name.</summary>
    public string Name => Schema.Name;
}
