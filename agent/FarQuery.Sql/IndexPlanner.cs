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
    /// <param name="filtersText">The table drops rows by text equalities (<see cref="Table.FiltersTextEqualities"/>).</param>
    public static IndexPlan Plan(TableSchema schema, ReadOnlySpan<IndexConstraint> constraints, ReadOnlySpan<IndexOrderBy> orderBy, ulong columnsUsed, bool filtersText = false)
    {
        _ = orderBy;
        var argvIndex = new int[constraints.Length];
        var text = new StringBuilder();
        text.Append(columnsUsed.ToString(CultureInfo.InvariantCulture)).Append('|');
        var argc = 0;
        var priced = 0;
        var indexed = false;
        var required = !schema.HasRequiredColumns;
        var handleIn = new bool[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            if (!c.Usable || c.Column < 0 || c.Column >= schema.Columns.Count)
            {
                continue;
            }

            var column = schema.Columns[c.Column];
            var pushed = column.IsPushedDown && IsSupported(c.Op);
            var textFilter = !pushed && filtersText && c.Binary && FiltersText(schema, c.Column, c.Op);
            if (!pushed && !textFilter)
            {
                continue;
            }

            // A spec column's IN list reaches xFilter one value at a time (SQLite's default IN handling), as one more
            // equality. A text filter's IN list comes whole (sqlite3_vtab_in): one scan of the buffer, not one per value.
            // A text filter whose IN SQLite cannot hand over whole is left to SQLite.
            if (textFilter && c.IsIn && !c.InWhole)
            {
                continue;
            }

            handleIn[i] = textFilter && c.IsIn;
            argvIndex[i] = ++argc;
            text.Append(c.Column.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Op.ToString(CultureInfo.InvariantCulture));
            text.Append(handleIn[i] ? ",in;" : ";");

            // A text filter only saves SQLite reading the rows that differ: it leaves the plan's price alone, so adding it
            // never changes a join's order (an event table driven once per row of a CTE scans its buffer once per row).
            priced += pushed ? 1 : 0;
            indexed |= pushed && c.Op == SQLITE_INDEX_CONSTRAINT_EQ && (column.Options & ColumnOptions.Index) != 0;
            required |= pushed && column.IsRequired && c.Op is SQLITE_INDEX_CONSTRAINT_EQ or SQLITE_INDEX_CONSTRAINT_LIKE or SQLITE_INDEX_CONSTRAINT_GLOB;
        }

        return new IndexPlan
        {
            ArgvIndex = argvIndex,
            HandleIn = handleIn,

            // Never omitted: SQLite re-checks every row, so a table may filter loosely and results stay exact.
            Omit = new bool[constraints.Length],
            IdxNum = required ? IndexPlan.Runnable : IndexPlan.MissingRequired,
            IdxStr = text.ToString(),
            EstimatedCost = !required ? MissingRequiredCost : indexed ? IndexedCost : priced > 0 ? FilteredCost : ScanCost,
            EstimatedRows = indexed ? IndexedRows : ScanRows,
            OrderByConsumed = false,
        };
    }

    /// <summary>Reads back <see cref="IndexPlan.IdxStr"/> in xFilter: the columns used and, in argv order, each
    /// constraint's column, operator and whether its argument is a whole IN list (sqlite3_vtab_in_first). Null or empty
    /// text (no plan) is no columns and no constraints.</summary>
    public static (ulong ColumnsUsed, List<PlannedConstraint> Constraints) Decode(string? idxStr)
    {
        var constraints = new List<PlannedConstraint>();
        if (string.IsNullOrEmpty(idxStr))
        {
            return (0, constraints);
        }

        var bar = idxStr.IndexOf('|', StringComparison.Ordinal);
        var used = ulong.Parse(idxStr.AsSpan(0, bar), CultureInfo.InvariantCulture);
        foreach (var part in idxStr[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = part.Split(',');
            var column = int.Parse(fields[0], CultureInfo.InvariantCulture);
            var op = (ConstraintOp)byte.Parse(fields[1], CultureInfo.InvariantCulture);
            constraints.Add(new PlannedConstraint(column, op, fields.Length > 2 && fields[2] == "in"));
        }

        return (used, constraints);
    }

    /// <summary>Whether an equality on <paramref name="column"/> goes only to filter, to a table that filters text
    /// (<see cref="Table.FiltersTextEqualities"/>: the event tables, which keep their rows in memory and drop those whose
    /// text differs before SQLite reads a column of them). A detection's <c>syscall IN ('execve', 'execveat')</c> or
    /// <c>operation = 'open'</c> then costs a string comparison per other row instead of column reads across the native
    /// boundary (docs/sql-host.md, "The planner"). Only TEXT columns with the default collation, and only when the
    /// constraint's collation is BINARY (the caller checks): then an ordinal comparison agrees with SQLite's. SQLite
    /// still checks every row it gets (nothing is omitted).</summary>
    internal static bool FiltersText(TableSchema schema, int column, byte op) =>
        op == SQLITE_INDEX_CONSTRAINT_EQ && column >= 0 && column < schema.Columns.Count
        && schema.Columns[column] is { Type: ColumnType.Text, Collate: null, IsPushedDown: false };

    private static bool IsSupported(byte op) => op is SQLITE_INDEX_CONSTRAINT_EQ or SQLITE_INDEX_CONSTRAINT_GT
        or SQLITE_INDEX_CONSTRAINT_LE or SQLITE_INDEX_CONSTRAINT_LT or SQLITE_INDEX_CONSTRAINT_GE
        or SQLITE_INDEX_CONSTRAINT_LIKE or SQLITE_INDEX_CONSTRAINT_GLOB;
}
