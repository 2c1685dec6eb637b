// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules;

/// <summary>Where something was written: file, 1-based line and column (YAML positions, as Falco reports them).</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One top-level item of a Falco rules file, in file order (docs/falco-fields.md, "Rule files").</summary>
public abstract record RuleEntry
{
    /// <summary>Where the item starts.</summary>
    public required SourcePosition Position { get; init; }
}

/// <summary><c>- list:</c> a named set of values, usable in <c>in (...)</c>; items may name other lists.</summary>
public sealed record ListEntry : RuleEntry
{
    /// <summary>The list's name.</summary>
    public required string Name { get; init; }

    /// <summary>The items as written (quotes kept, since Falco pastes them into conditions as tokens).</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>How the items combine with an earlier definition: null (define or redefine), append, replace.</summary>
    public string? ItemsMode { get; init; }
}

/// <summary><c>- macro:</c> a named condition fragment.</summary>
public sealed record MacroEntry : RuleEntry
{
    /// <summary>The macro's name.</summary>
    public required string Name { get; init; }

    /// <summary>The condition text.</summary>
    public string Condition { get; init; } = "";

    /// <summary>Where the condition text starts.</summary>
    public SourcePosition ConditionPosition { get; init; }

    /// <summary>null (define or redefine), append or replace.</summary>
    public string? ConditionMode { get; init; }
}

/// <summary><c>- rule:</c> a rule, a rule append (<c>append: true</c>), an override (<c>override:</c>) or an
/// enabled-only edit of an earlier rule.</summary>
public sealed record RuleDefinitionEntry : RuleEntry
{
    /// <summary>The rule's name.</summary>
    public required string Name { get; init; }

    /// <summary>Keys the item sets, with their values (null when absent).</summary>
    public string? Description { get; init; }

    /// <summary>The condition text, or null.</summary>
    public string? Condition { get; init; }

    /// <summary>Where the condition text starts.</summary>
    public SourcePosition ConditionPosition { get; init; }

    /// <summary>The output format, or null.</summary>
    public string? Output { get; init; }

    /// <summary>The priority as written, or null.</summary>
    public string? Priority { get; init; }

    /// <summary>Tags, or null when the item has no <c>tags</c> key.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The <c>enabled</c> key, or null.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The event source, or null (Falco's default is <c>syscall</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Exceptions the item lists, or null when it has no <c>exceptions</c> key.</summary>
    public IReadOnlyList<RuleExceptionDefinition>? Exceptions { get; init; }

    /// <summary>Old-style <c>append: true</c>: condition and exceptions are appended.</summary>
    public bool Append { get; init; }

    /// <summary><c>override:</c> key → append or replace.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary><c>- required_engine_version:</c> the oldest Falco engine the file's syntax needs.</summary>
public sealed record EngineVersionEntry : RuleEntry
{
    /// <summary>The version as written (semver or a bare integer, Falco's old form).</summary>
    public required string Version { get; init; }
}

/// <summary><c>- required_plugin_versions:</c> plugins (with alternatives) the file's fields come from.</summary>
public sealed record PluginVersionsEntry : RuleEntry
{
    /// <summary>Each requirement: name, version, and the alternatives that satisfy it as well.</summary>
    public IReadOnlyList<PluginRequirement> Plugins { get; init; } = [];
}

/// <summary>One plugin requirement.</summary>
public sealed record PluginRequirement(string Name, string Version, IReadOnlyList<PluginRequirement> Alternatives);

/// <summary>One exception of a rule: tuples of field values that, when all match, suppress the rule (Falco's
/// <c>exceptions</c>: name, fields, comps, values).</summary>
public sealed record RuleExceptionDefinition
{
    /// <summary>The exception's name, unique within the rule (appends add values to it by name).</summary>
    public required string Name { get; init; }

    /// <summary>The fields; a single field written as a scalar sets <see cref="SingleField"/>.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>True when <c>fields</c> was a scalar: then each value is one value, not a tuple.</summary>
    public bool SingleField { get; init; }

    /// <summary>Operators per field (default <c>=</c>; <c>in</c> when a single field's comps is absent).</summary>
    public IReadOnlyList<string> Comps { get; init; } = [];

    /// <summary>The value tuples; each element is a scalar or a list (for <c>in</c>-like comps).</summary>
    public IReadOnlyList<IReadOnlyList<ExceptionValue>> Values { get; init; } = [];

    /// <summary>Where it was written.</summary>
    public SourcePosition Position { get; init; }
}

/// <summary>One value of an exception tuple: a scalar or a list of scalars.</summary>
public sealed record ExceptionValue(string? Scalar, IReadOnlyList<string>? List);

/// <summary>A problem found while reading or layering rule files: an error stops the item it is about, never the file
/// or the agent.</summary>
public sealed record RuleDiagnostic(SourcePosition Position, string Message, bool IsError)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {(IsError ? "error" : "warning")}: {Message}";
}

/// <summary>A parsed rules file: its items in order and what could not be read.</summary>
public sealed record RuleFile(string Path, IReadOnlyList<RuleEntry> Entries, IReadOnlyList<RuleDiagnostic> Diagnostics);
