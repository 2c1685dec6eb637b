// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics.CodeAnalysis;

namespace FarQuery.Rules;

/// <summary>A condition that is not valid Falco filter syntax: the message, and the character offset in the condition.</summary>
public sealed class ConditionSyntaxException(string message, int offset) : Exception(message)
{
    /// <summary>0-based offset in the condition text.</summary>
    public int Offset { get; } = offset;
}

/// <summary>Recursive-descent parser of Falco's filter language (docs/falco-fields.md, "Condition language"):
/// <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>; a primary is a parenthesised condition, a comparison
/// (<c>field op value</c>, <c>field in (list)</c>, <c>field exists</c>) or a macro name. A pure function of the text.
/// Nesting is counted and capped at <see cref="MaxDepth"/>, so a hostile condition (ten thousand parentheses or
/// <c>not</c>s) is an error, never a stack overflow.</summary>
public static class ConditionParser
{
    /// <summary>Deepest nesting of parentheses and <c>not</c>s accepted; Falco's own files nest under 10.</summary>
    public const int MaxDepth = 100;

    /// <summary>Binary operators that take one value.</summary>
    public static readonly IReadOnlySet<string> ScalarOperators = new HashSet<string>(StringComparer.Ordinal)
    {
        "=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex",
    };

    /// <summary>Operators that take a parenthesised list of values (items may name lists).</summary>
    public static readonly IReadOnlySet<string> ListOperators = new HashSet<string>(StringComparer.Ordinal) { "in", "intersects", "pmatch" };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "and", "or", "not" };

    /// <summary>Parses a whole condition.</summary>
    /// <exception cref="ConditionSyntaxException">The text is not a valid condition.</exception>
    public static ConditionNode Parse(string text)
    {
        var p = new State(text);
        var node = p.ParseOr(0);
        p.SkipSpace();
        if (!p.AtEnd)
        {
            p.Fail(p.Peek() == ')' ? "unbalanced ')': no '(' to close" : $"unexpected '{p.Snippet()}' after a complete condition (missing 'and'/'or'?)");
        }

        return node;
    }

    /// <summary>Parses a whole condition, or returns false with the error.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ConditionNode? node, [NotNullWhen(false)] out ConditionSyntaxException? error)
    {
        try
        {
            node = Parse(text);
            error = null;
            return true;
        }
        catch (ConditionSyntaxException e)
        {
            node = null;
            error = e;
            return false;
        }
    }

    private sealed class State(string text)
    {
        private int pos;

        public bool AtEnd => pos >= text.Length;

        public char Peek() => pos < text.Length ? text[pos] : '\0';

        public string Snippet() => text.Substring(pos, Math.Min(24, text.Length - pos));

        [DoesNotReturn]
        public void Fail(string message) => throw new ConditionSyntaxException(message, pos);

        public void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        public ConditionNode ParseOr(int depth)
        {
            Enter(depth);
            var items = new List<ConditionNode> { ParseAnd(depth) };
            while (TryKeyword("or"))
            {
                items.Add(ParseAnd(depth));
            }

            return items.Count == 1 ? items[0] : new OrNode(items);
        }

        private ConditionNode ParseAnd(int depth)
        {
            var items = new List<ConditionNode> { ParseNot(depth) };
            while (TryKeyword("and"))
            {
                items.Add(ParseNot(depth));
            }

            return items.Count == 1 ? items[0] : new AndNode(items);
        }

        private ConditionNode ParseNot(int depth)
        {
            // `not not not ...` is a chain, not nesting in the text's parentheses, but it is recursion all the same.
            var count = 0;
            while (TryKeyword("not"))
            {
                Enter(depth + ++count);
            }

            var node = ParsePrimary(depth + count);
            for (var i = 0; i < count; i++)
            {
                node = new NotNode(node);
            }

            return node;
        }

        private ConditionNode ParsePrimary(int depth)
        {
            SkipSpace();
            if (AtEnd)
            {
                Fail("the condition ends where a comparison, macro or '(' was expected");
            }

            if (Peek() == '(')
            {
                var open = pos;
                pos++;
                var inner = ParseOr(depth + 1);
                SkipSpace();
                if (Peek() != ')')
                {
                    throw new ConditionSyntaxException(AtEnd ? $"unbalanced '(' at offset {open}: the condition ends before its ')'" : $"expected ')' to close the '(' at offset {open}, found '{Snippet()}'", pos);
                }

                pos++;
                return inner;
            }

            var start = pos;
            var name = ReadIdentifier();
            if (name is null)
            {
                Fail($"expected a field, macro or '(' but found '{Snippet()}'");
            }

            if (Keywords.Contains(name))
            {
                pos = start;
                Fail($"'{name}' where a comparison or macro was expected");
            }

            string? argument = null;
            if (Peek() == '[')
            {
                var close = text.IndexOf(']', pos);
                if (close < 0)
                {
                    Fail($"unclosed '[' in the argument of {name}");
                }

                argument = text[(pos + 1)..close];
                pos = close + 1;
            }

            SkipSpace();
            var opStart = pos;
            var op = ReadOperator();
            if (op is null)
            {
                if (argument is not null)
                {
                    pos = opStart;
                    Fail($"{name}[{argument}] must be followed by an operator");
                }

                // A bare name: a macro reference; whatever follows must be and/or/')' or the end.
                return new MacroReference(name, start);
            }

            var field = new FieldReference(name, argument);
            if (op == "exists")
            {
                return new ComparisonNode(field, op, [], false, start);
            }

            if (ListOperators.Contains(op))
            {
                SkipSpace();
                if (Peek() != '(')
                {
                    // Falco also accepts `field in value_or_list` without parentheses in some versions; require them.
                    Fail($"'{op}' must be followed by a parenthesised list, found '{Snippet()}'");
                }

                pos++;
                var values = new List<Operand>();
                while (true)
                {
                    SkipSpace();
                    if (Peek() == ')')
                    {
                        pos++;
                        break;
                    }

                    if (AtEnd)
                    {
                        Fail($"unbalanced '(': the value list of '{op}' is not closed");
                    }

                    values.Add(ReadValue(inList: true));
                    SkipSpace();
                    if (Peek() == ',')
                    {
                        pos++;
                    }
                    else if (AtEnd)
                    {
                        Fail($"unbalanced '(': the value list of '{op}' is not closed");
                    }
                    else if (Peek() != ')')
                    {
                        Fail($"expected ',' or ')' in the value list, found '{Snippet()}'");
                    }
                }

                return new ComparisonNode(field, op, values, true, start);
            }

            SkipSpace();
            if (AtEnd)
            {
                Fail($"'{op}' has no value");
            }

            return new ComparisonNode(field, op, [ReadValue(inList: false)], false, start);
        }

        private void Enter(int depth)
        {
            if (depth > MaxDepth)
            {
                Fail($"the condition nests deeper than {MaxDepth} levels");
            }
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, pos, keyword, 0, keyword.Length) == 0
                && (pos + keyword.Length == text.Length || !IsIdentifierChar(text[pos + keyword.Length])))
            {
                pos += keyword.Length;
                return true;
            }

            return false;
        }

        private string? ReadIdentifier()
        {
            var start = pos;
            if (pos < text.Length && (char.IsAsciiLetter(text[pos]) || text[pos] == '_'))
            {
                while (pos < text.Length && IsIdentifierChar(text[pos]))
                {
                    pos++;
                }
            }

            return pos > start ? text[start..pos] : null;
        }

        private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

        private string? ReadOperator()
        {
            foreach (var symbol in new[] { "==", "!=", "<=", ">=", "=", "<", ">" })
            {
                if (string.CompareOrdinal(text, pos, symbol, 0, symbol.Length) == 0)
                {
                    pos += symbol.Length;
                    return symbol;
                }
            }

            var start = pos;
            var word = ReadIdentifier();
            if (word is null)
            {
                return null;
            }

            if (ScalarOperators.Contains(word) || ListOperators.Contains(word) || word == "exists")
            {
                return word;
            }

            if (Keywords.Contains(word))
            {
                pos = start;
                return null;
            }

            pos = start;
            Fail($"unknown operator '{word}'");
            return null;
        }

        private Operand ReadValue(bool inList)
        {
            var c = Peek();
            if (c is '"' or '\'')
            {
                var start = pos++;
                var sb = new System.Text.StringBuilder();
                while (pos < text.Length && text[pos] != c)
                {
                    if (text[pos] == '\\' && pos + 1 < text.Length && (text[pos + 1] == c || text[pos + 1] == '\\'))
                    {
                        pos++;
                    }

                    sb.Append(text[pos++]);
                }

                if (pos >= text.Length)
                {
                    pos = start;
                    Fail($"unterminated string starting with {c}");
                }

                pos++;
                return new Operand(sb.ToString(), true);
            }

            var begin = pos;
            var depth = 0;
            while (pos < text.Length)
            {
                var ch = text[pos];
                if (char.IsWhiteSpace(ch) || ch == ',' && inList || ch == ')' && depth == 0)
                {
                    break;
                }

                // A bare value may hold balanced parentheses (Falco's bare strings do, e.g. "(deleted)").
                depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
                pos++;
            }

            if (pos == begin)
            {
                Fail($"expected a value, found '{Snippet()}'");
            }

            return new Operand(text[begin..pos], false);
        }
    }
}
