// SPDX-License-Identifier: Apache-2.0
using static Interop.Sqlite3;

namespace FarQuery.Sql;

/// <summary>The query planner of every virtual table, kept apart from the native xBestIndex callback so it is plain
/// managed code: it decides which constraints reach the table's generator (spec columns marked index, required,
/// additional or optimized, with =, &lt;, &lt;=, &gt;, &gt;=, LIKE or GLOB) and prices the plan so that SQLite picks the
/// one that supplies a required column (https://sqlite.org/vtab.html#the_xbestindex_method; docs/sql-host.md, "The planner").</summary>
internal static class IndexPlanner
{
    // Relative costs only matter against each other: a plan without a required column must lose to any plan with it
    // (a join that supplies the value wins); an equality on an index column beats other pushed-down constraints, which
    // beat a full scan.
    private const double MissingRequiredCost = 1e12;
    private const double IndexedCost = 1;
    private const double FilteredCost = 1e4;
    private const double ScanCost = 1e6;
    private const long IndexedRows = 1;
    private const long ScanRows = 1000;

    /// <summary>Plans one xBestIndex call for <paramref name="schema"/>.</summary>
    /// <param name="schema">The table's spec.</param>
    /// <param name="constraints">The constraints SQLite offers, in its order.</param>
    /// <param name="orderBy">The ORDER BY terms; tables return rows in no particular order, so SQLite always sorts.</param>
    /// <param name="columnsUsed">SQLite's <c>colUsed</c> mask, passed on to the table.</param>
    public static IndexPlan Plan(TableSchema schema, ReadOnlySpan<IndexConstraint> constraints, ReadOnlySpan<IndexOrderBy> orderBy, ulong columnsUsed)
    {
        _ = orderBy;
        var argvIndex = new int[constraints.Length];
        var text = new StringBuilder();
        text.Append(columnsUsed.ToString(CultureInfo.InvariantCulture)).Append('|');
        var argc = 0;
        var indexed = false;
        var required = !schema.HasRequiredColumns;
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            if (!c.Usable || c.Column < 0 || c.Column >= schema.Columns.Count)
            {
                continue;
            }

            var column = schema.Columns[c.Column];
            if (!column.IsPushedDown || !IsSupported(c.Op))
            {
                continue;
            }

            // An IN list reaches xFilter one value at a time (SQLite's default IN handling), as one more equality.
            argvIndex[i] = ++argc;
            text.Append(c.Column.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Op.ToString(CultureInfo.InvariantCulture)).Append(';');
            indexed |= c.Op == SQLITE_INDEX_CONSTRAINT_EQ && (column.Options & ColumnOptions.Index) != 0;
            required |= column.IsRequired && c.Op is SQLITE_INDEX_CONSTRAINT_EQ or SQLITE_INDEX_CONSTRAINT_LIKE or SQLITE_INDEX_CONSTRAINT_GLOB;
        }

        return new IndexPlan
        {
            ArgvIndex = argvIndex,

            // Never omitted: SQLite re-checks every row, so a table may filter loosely and results stay exact.
            Omit = new bool[constraints.Length],
            IdxNum = required ? IndexPlan.Runnable : IndexPlan.MissingRequired,
            IdxStr = text.ToString(),
            EstimatedCost = !required ? MissingRequiredCost : indexed ? IndexedCost : argc > 0 ? FilteredCost : ScanCost,
            EstimatedRows = indexed ? IndexedRows : ScanRows,
            OrderByConsumed = false,
        };
    }

    /// <summary>Reads back <see cref="IndexPlan.IdxStr"/> in xFilter: the columns used and, in argv order, each
    /// constraint's column and operator. Null or empty text (no plan) is no columns and no constraints.</summary>
    public static (ulong ColumnsUsed, List<(int Column, ConstraintOp Op)> Constraints) Decode(string? idxStr)
    {
        var constraints = new List<(int, ConstraintOp)>();
        if (string.IsNullOrEmpty(idxStr))
        {
            return (0, constraints);
        }

        var bar = idxStr.IndexOf('|', StringComparison.Ordinal);
        var used = ulong.Parse(idxStr.AsSpan(0, bar), CultureInfo.InvariantCulture);
        foreach (var part in idxStr[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            var column = int.Parse(part.AsSpan(0, comma), CultureInfo.InvariantCulture);
            var op = (ConstraintOp)byte.Parse(part.AsSpan(comma + 1), CultureInfo.InvariantCulture);
            constraints.Add((column, op));
        }

        return (used, constraints);
    }

    private static bool IsSupported(byte op) => op is SQLITE_INDEX_CONSTRAINT_EQ or SQLITE_INDEX_CONSTRAINT_GT
        or SQLITE_INDEX_CONSTRAINT_LE or SQLITE_INDEX_CONSTRAINT_LT or SQLITE_INDEX_CONSTRAINT_GE
        or SQLITE_INDEX_CONSTRAINT_LIKE or SQLITE_INDEX_CONSTRAINT_GLOB;
}
