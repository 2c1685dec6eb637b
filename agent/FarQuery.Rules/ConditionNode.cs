// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules;

/// <summary>A node of a parsed Falco condition (docs/falco-fields.md, "Condition language").</summary>
public abstract record ConditionNode;

/// <summary><c>a and b and ...</c></summary>
public sealed record AndNode(IReadOnlyList<ConditionNode> Items) : ConditionNode;

/// <summary><c>a or b or ...</c></summary>
public sealed record OrNode(IReadOnlyList<ConditionNode> Items) : ConditionNode;

/// <summary><c>not a</c></summary>
public sealed record NotNode(ConditionNode Inner) : ConditionNode;

/// <summary>A bare name in a boolean position: a macro, resolved when the rule is compiled (macros may be redefined
/// by later files).</summary>
public sealed record MacroReference(string Name, int Offset) : ConditionNode;

/// <summary>A field with its optional argument: <c>proc.aname[2]</c> is (proc.aname, "2"), <c>evt.arg.flags</c> is
/// (evt.arg.flags, null).</summary>
public sealed record FieldReference(string Name, string? Argument)
{
    /// <inheritdoc/>
    public override string ToString() => Argument is null ? Name : $"{Name}[{Argument}]";
}

/// <summary>A value operand as written: quoted values are always literals, bare ones may name a list inside
/// <c>(...)</c>.</summary>
public sealed record Operand(string Text, bool Quoted);

/// <summary><c>field op value</c>, <c>field op (v1, v2)</c> or <c>field exists</c>.</summary>
public sealed record ComparisonNode(FieldReference Field, string Operator, IReadOnlyList<Operand> Values, bool ValueList, int Offset) : ConditionNode;

/// <summary>A constant, produced by the compiler for exception-free rules and kept in the tree for clarity.</summary>
public sealed record ConstantNode(bool Value) : ConditionNode;
