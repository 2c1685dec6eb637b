// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>What SQLite told the table about one scan: pushed-down constraints and the columns it will read.</summary>
public sealed class QueryContext
{
    /// <summary>A context with no constraints that reads every column.</summary>
    public static QueryContext All { get; } = new([], ulong.MaxValue);

    /// <summary>Creates a context.</summary>
    public QueryContext(IReadOnlyList<Constraint> constraints, ulong columnsUsed)
    {
        Constraints = constraints;
        ColumnsUsed = columnsUsed;
    }

    /// <summary>Constraints pushed down for this scan.</summary>
    public IReadOnlyList<Constraint> Constraints { get; }

    /// <summary>SQLite's colUsed mask: bit N set when column N is read (bit 63 covers the rest).</summary>
    public ulong ColumnsUsed { get; }

    /// <summary>Cancelled when the query is interrupted or times out.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The scheduled query's event bookmarks, or null for ad hoc queries (which see every buffered event).</summary>
    public EventBookmarks? Bookmarks { get; init; }

    /// <summary>True when the query reads the column, so a table can skip costly work for unread columns.</summary>
    public bool IsUsed(int column) => (ColumnsUsed & (1UL << Math.Min(column, 63))) != 0;

    /// <summary>True when the column has at least one constraint with the given operator.</summary>
    public bool Has(int column, ConstraintOp op) => Constraints.Any(c => c.Column == column && c.Op == op);

    /// <summary>The values an <c>=</c> or <c>IN</c> constraint allows, or null when the column is unconstrained.
    /// Several equality constraints on one column intersect.</summary>
    public IReadOnlyList<object?>? EqualsValues(int column)
    {
        List<object?>? result = null;
        foreach (var c in Constraints)
        {
            if (c.Column != column || c.Op != ConstraintOp.Equals)
            {
                continue;
            }

            result = result is null ? [.. c.Values] : [.. result.Where(v => c.Values.Any(o => ValueEquals(o, v)))];
        }

        return result;
    }

    /// <summary>Equality values as text, or null when unconstrained.</summary>
    public IReadOnlyList<string>? TextEquals(int column) =>
        EqualsValues(column)?.Where(v => v is not null).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!).Distinct().ToList();

    /// <summary>Equality values as integers (non-integers dropped, as they can match nothing), or null when unconstrained.</summary>
    public IReadOnlyList<long>? IntegerEquals(int column)
    {
        var values = EqualsValues(column);
        if (values is null)
        {
            return null;
        }

        var list = new List<long>(values.Count);
        foreach (var v in values)
        {
            switch (v)
            {
                case long l:
                    list.Add(l);
                    break;
                case double d when d == Math.Floor(d):
                    list.Add((long)d);
                    break;
                case string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p):
                    list.Add(p);
                    break;
            }
        }

        return list.Distinct().ToList();
    }

    /// <summary>Text values of every constraint on the column with the given operator (for LIKE/GLOB).</summary>
    public IReadOnlyList<string> TextValues(int column, ConstraintOp op) =>
        Constraints.Where(c => c.Column == column && c.Op == op)
            .SelectMany(c => c.Values)
            .Where(v => v is not null)
            .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!)
            .ToList();

    /// <summary>The tightest integer range the constraints allow on a column (for <c>time</c> on event tables).</summary>
    public (long Min, long Max) IntegerRange(int column)
    {
        long min = long.MinValue, max = long.MaxValue;
        foreach (var c in Constraints)
        {
            if (c.Column != column || c.Values.Count != 1 || c.Values[0] is not long v)
            {
                continue;
            }

            switch (c.Op)
            {
                case ConstraintOp.Equals:
                    min = Math.Max(min, v);
                    max = Math.Min(max, v);
                    break;
                case ConstraintOp.GreaterThan:
                    min = Math.Max(min, v == long.MaxValue ? v : v + 1);
                    break;
                case ConstraintOp.GreaterOrEqual:
                    min = Math.Max(min, v);
                    break;
                case ConstraintOp.LessThan:
                    max = Math.Min(max, v == long.MinValue ? v : v - 1);
                    break;
                case ConstraintOp.LessOrEqual:
                    max = Math.Min(max, v);
                    break;
            }
        }

        return (min, max);
    }

    private static bool ValueEquals(object? a, object? b) => a switch
    {
        null => b is null,
        _ => a.Equals(b) || string.Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal),
    };
}
