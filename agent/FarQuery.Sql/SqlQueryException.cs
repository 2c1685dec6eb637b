// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>A query failed: SQLite's message, or a table's error such as a missing required column.</summary>
/// <param name="message">What went wrong, in words for the operator.</param>
/// <param name="inner">SQLite's exception, when it raised one.</param>
/// <param name="kind">Which limit stopped the query, if one did.</param>
public sealed class SqlQueryException(string message, Exception? inner = null, SqlErrorKind kind = SqlErrorKind.Sql) : Exception(message, inner)
{
    /// <summary>Why the query failed, for callers that answer differently per cause (the admin server's error codes,
    /// the scheduler's deny-list).</summary>
    public SqlErrorKind Kind { get; } = kind;
}

/// <summary>The causes of a <see cref="SqlQueryException"/>.</summary>
public enum SqlErrorKind
{
    /// <summary>SQLite or a table refused or failed the statement.</summary>
    Sql,

    /// <summary>The statement ran past its time limit and was interrupted.</summary>
    Timeout,

    /// <summary>The caller cancelled the statement (its client went away, the agent is stopping).</summary>
    Cancelled,

    /// <summary>The result had more rows than the caller's row limit.</summary>
    RowLimit,

    /// <summary>The statement passed the agent's memory budget: SQLite's heap limit, the longest value, or the bytes
    /// of results in flight.</summary>
    MemoryBudget,
}
