// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Agent;

/// <summary>A snapshot playbook's queries, on a SQL connection of their own: a snapshot never waits behind a scheduled
/// query, nor delays one. One query at a time (the engine's snapshot worker is the only caller).</summary>
internal sealed class SqlForensics(SqlHost host) : IForensicQueries
{
    private readonly Lock gate = new();

    /// <summary>Time one forensic query may take.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public (IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows) Run(string sql, int maxRows)
    {
        lock (gate)
        {
            // The host fails a query past its row limit; the snapshot wants the first rows instead.
            var bounded = $"SELECT * FROM ({sql.Trim().TrimEnd(';')}) LIMIT {maxRows}";
            var result = host.Query(bounded, Timeout, maxRows + 1);
            return (result.Columns, [.. result.Rows.Take(maxRows).Select(r => r.Select(v => v is null ? null : LogRow.Text(v)).ToArray())]);
        }
    }
}
