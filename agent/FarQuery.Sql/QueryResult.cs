// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>The result of one query: column names and rows of long, double, string, byte[] or null.</summary>
/// <param name="Columns">Result column names in order.</param>
/// <param name="Rows">Rows, each with one value per column.</param>
/// <param name="Elapsed">Wall time of the query.</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, TimeSpan Elapsed)
{
    /// <summary>The virtual tables the query referenced (the scheduler treats a query over an event table as event-based).</summary>
    public IReadOnlyCollection<string> Tables { get; init; } = [];

    /// <summary>User CPU time the statement took, on the thread that ran it (osquery_schedule's user_time).</summary>
    public TimeSpan UserTime { get; init; }

    /// <summary>System CPU time the statement took, on the thread that ran it (osquery_schedule's system_time).</summary>
    public TimeSpan SystemTime { get; init; }
}
