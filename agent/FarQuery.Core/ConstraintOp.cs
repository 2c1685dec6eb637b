// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Constraint operators, numbered as SQLite's SQLITE_INDEX_CONSTRAINT_* (https://sqlite.org/c3ref/c_index_constraint_eq.html).</summary>
public enum ConstraintOp : byte
{
    /// <summary>= (and each value of an IN list).</summary>
    Equals = 2,
    /// <summary>&gt;.</summary>
    GreaterThan = 4,
    /// <summary>&lt;=.</summary>
    LessOrEqual = 8,
    /// <summary>&lt;.</summary>
    LessThan = 16,
    /// <summary>&gt;=.</summary>
    GreaterOrEqual = 32,
    /// <summary>LIKE.</summary>
    Like = 65,
    /// <summary>GLOB.</summary>
    Glob = 66,
}

/// <summary>One constraint pushed down from the WHERE clause (or a join) to the table code.</summary>
/// <param name="Column">Column ordinal.</param>
/// <param name="Op">Operator.</param>
/// <param name="Values">The right-hand side: one value, or every value of an IN list.</param>
public sealed record Constraint(int Column, ConstraintOp Op, IReadOnlyList<object?> Values);
