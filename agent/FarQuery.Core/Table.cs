// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Base of every table implementation. The generated half of each table supplies <see cref="Schema"/>, the
/// column ordinals (<c>C.Pid</c>) and a typed row (<c>NewRow()</c>, <c>row.Pid = ...</c>); the hand-written half
/// supplies <see cref="Generate"/>.</summary>
/// <param name="context">Services shared by all tables of one agent.</param>
public abstract class Table(TableContext context)
{
    /// <summary>Services shared by all tables.</summary>
    protected TableContext Context { get; } = context;

    /// <summary>The table's spec.</summary>
    public abstract TableSchema Schema { get; }

    /// <summary>True when <see cref="Generate"/> drops the rows whose TEXT column differs (ordinal) from a pushed-down
    /// <c>=</c> value on it: the planner then offers the table every such equality (docs/sql-host.md, "The planner").
    /// Rows whose value is not text are kept, and SQLite checks every row it gets.</summary>
    public virtual bool FiltersTextEqualities => false;

    /// <summary>Yields rows lazily, one array per row indexed by column ordinal. A value is null or the one CLR type of
    /// its column's declared type: long for the integer types, double, string or byte[] (the generated row's setters
    /// allow nothing else).</summary>
    public abstract IEnumerable<object?[]> Generate(QueryContext query);
}

/// <summary>How the SQL host finds and builds a table; the generated registry lists one per spec.</summary>
/// <param name="Schema">The table's spec.</param>
/// <param name="Factory">Builds the table for an agent.</param>
public sealed record TableRegistration(TableSchema Schema, Func<TableContext, Table> Factory)
{
    /// <summary>The SQL name.</summary>
    public string Name => Schema.Name;
}
