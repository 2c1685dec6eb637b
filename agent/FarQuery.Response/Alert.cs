// SPDX-License-Identifier: Apache-2.0
using System.Text;

namespace FarQuery.Response;

/// <summary>One detection's alert: a result row of a query that names its <c>rule</c>, Falco <c>priority</c> and
/// <c>tags</c> (every bundled detection and every compiled Falco rule does).</summary>
/// <param name="Rule">The rule's name ("Write below etc").</param>
/// <param name="Priority">Falco's priority, upper case (ERROR).</param>
/// <param name="Tags">The rule's tags.</param>
/// <param name="Query">The scheduled query's name.</param>
/// <param name="UnixTime">When the row was logged.</param>
/// <param name="HostIdentifier">The agent's host identifier.</param>
/// <param name="Columns">The row, as the result log has it.</param>
/// <param name="Decorations">The row's decorations (the ECS task context).</param>
public sealed record Alert(string Rule, string Priority, IReadOnlyList<string> Tags, string Query, long UnixTime, string HostIdentifier,
    IReadOnlyDictionary<string, string?> Columns, IReadOnlyDictionary<string, string?> Decorations)
{
    /// <summary>What happened: <c>alerted</c>, <c>denied</c> when the tracer refused the action itself, or
    /// <c>snapshot</c> for the forensic results a snapshot playbook took at the alert.</summary>
    public string Action { get; init; } = "alerted";

    /// <summary>A snapshot playbook's results (null for an alert).</summary>
    public IReadOnlyList<SnapshotResult>? Snapshot { get; init; }

    /// <summary>The offending process's pid, when the row has one.</summary>
    public int? Pid => Columns.TryGetValue("pid", out var p) && int.TryParse(p, out var pid) && pid > 0 ? pid : null;

    /// <summary>The rule's name as a subject token: lower case, runs of anything but letters and digits as one
    /// underscore (<c>Write below etc</c> → <c>write_below_etc</c>).</summary>
    public string RuleSlug
    {
        get
        {
            var sb = new StringBuilder(Rule.Length);
            foreach (var c in Rule)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    sb.Append(char.ToLowerInvariant(c));
                }
                else if (sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }
            }

            return sb.ToString().TrimEnd('_') is { Length: > 0 } slug ? slug : "unnamed";
        }
    }

    /// <summary>The NATS subject: <c>&lt;prefix&gt;.&lt;priority&gt;.&lt;rule_slug&gt;</c>, and for a snapshot
    /// <c>&lt;prefix&gt;.snapshot.&lt;rule_slug&gt;</c> (a subscriber to alerts by priority does not get the bulk).</summary>
    public string Subject(string prefix) => Snapshot is null ? $"{prefix}.{Priority.ToLowerInvariant()}.{RuleSlug}" : $"{prefix}.snapshot.{RuleSlug}";
}

/// <summary>One forensic query's result in a snapshot: its rows as text (as the result log has them), cut to the
/// playbook's row and size bounds.</summary>
/// <param name="Name">The query's name.</param>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows (each as many values as columns).</param>
/// <param name="Truncated">Rows were left out to stay within the bounds.</param>
/// <param name="Error">Why the query failed, or null.</param>
public sealed record SnapshotResult(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows, bool Truncated, string? Error);

/// <summary>Runs a forensic query for a snapshot playbook, on a connection of its own (the agent's).</summary>
public interface IForensicQueries
{
    /// <summary>Runs <paramref name="sql"/>, returning at most <paramref name="maxRows"/> rows; throws on a SQL error.</summary>
    (IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows) Run(string sql, int maxRows);
}
