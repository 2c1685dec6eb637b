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
    /// <summary>What happened: <c>alerted</c>, or <c>denied</c> when the tracer refused the action itself.</summary>
    public string Action { get; init; } = "alerted";

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

    /// <summary>The NATS subject: <c>&lt;prefix&gt;.&lt;priority&gt;.&lt;rule_slug&gt;</c>.</summary>
    public string Subject(string prefix) => $"{prefix}.{Priority.ToLowerInvariant()}.{RuleSlug}";
}
