// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules;

/// <summary>What became of a rule.</summary>
public enum RuleStatus
{
    /// <summary>Compiled to a query.</summary>
    Compiled,

    /// <summary>Disabled by its file (<c>enabled: false</c>).</summary>
    Disabled,

    /// <summary>Not compiled: it needs a field or event FarQuery cannot see, or it is invalid. Never run narrowed.</summary>
    Rejected,
}

/// <summary>A field a rule needs and FarQuery cannot provide, and why.</summary>
public sealed record FieldIssue(string Field, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"`{Field}`: {Reason}";
}

/// <summary>A compiled rule: one SQL query over the event tables whose columns are the rule's name, priority, tags,
/// rendered output and each field its output names.</summary>
public sealed record CompiledRule
{
    /// <summary>The query's name in the pack (the rule name in snake case).</summary>
    public required string QueryName { get; init; }

    /// <summary>The SQL.</summary>
    public required string Sql { get; init; }

    /// <summary>Priority, upper case.</summary>
    public required string Priority { get; init; }

    /// <summary>Tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The rule's description.</summary>
    public required string Description { get; init; }

    /// <summary>The event tables the query reads.</summary>
    public required IReadOnlyList<string> Tables { get; init; }

    /// <summary>The Falco fields the output names, which are also result columns.</summary>
    public required IReadOnlyList<string> OutputFields { get; init; }
}

/// <summary>One rule's outcome.</summary>
public sealed record RuleResult
{
    /// <summary>The rule's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the rule was defined.</summary>
    public required SourcePosition Position { get; init; }

    /// <summary>Compiled, disabled or rejected.</summary>
    public required RuleStatus Status { get; init; }

    /// <summary>Why it was rejected or disabled (empty when compiled).</summary>
    public string Reason { get; init; } = "";

    /// <summary>The fields that made it rejected.</summary>
    public IReadOnlyList<FieldIssue> Issues { get; init; } = [];

    /// <summary>The query, when compiled.</summary>
    public CompiledRule? Query { get; init; }

    /// <summary>Remarks on a compiled rule: events it cannot match here, output fields shown as &lt;NA&gt;.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Every rule's outcome and the diagnostics of reading and layering the files.</summary>
public sealed record CompileReport(IReadOnlyList<RuleResult> Rules, IReadOnlyList<RuleDiagnostic> Diagnostics)
{
    /// <summary>Rules with this status.</summary>
    public int Count(RuleStatus status) => Rules.Count(r => r.Status == status);

    /// <summary>The compiled queries.</summary>
    public IEnumerable<CompiledRule> Queries => Rules.Where(r => r.Query is not null).Select(r => r.Query!);
}
