// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;

namespace FarQuery.Rules;

/// <summary>Compiles layered Falco rules to SQL over FarQuery's event tables (docs/falco-fields.md). Each rule's
/// condition, macros expanded and exceptions added, is evaluated once per event table: comparisons on
/// <c>evt.type</c> fold to true or false there, other fields become SQL. A field the table cannot provide is
/// "unknown"; it may vanish only where the logic makes its value irrelevant (<c>false and x</c>, <c>true or x</c>),
/// never by being dropped, so a compiled query is never narrower than Falco's rule on the events FarQuery records.
/// Otherwise the rule is rejected with the field and the reason.</summary>
public static partial class RuleCompiler
{
    /// <summary>Marks, among the untraced event types, that a <c>container.id = host</c> test folded to false.</summary>
    private const string HostOnly = "\u0000host";

    /// <summary>Deepest nesting of the condition with every macro expanded.</summary>
    public const int MaxExpandedDepth = 400;

    /// <summary>Deepest macro nesting followed; past it the rule is rejected (a chain this long is a mistake).</summary>
    public const int MaxMacroDepth = 32;

    private static readonly HashSet<string> Priorities = new(StringComparer.Ordinal)
    {
        "EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFORMATIONAL", "INFO", "DEBUG",
    };

    /// <summary>Reads, layers and compiles rule files in order.</summary>
    public static CompileReport Compile(IEnumerable<RuleFile> files) => Compile(RuleSet.Load(files));

    /// <summary>Compiles every rule of a layered set.</summary>
    public static CompileReport Compile(RuleSet set)
    {
        var context = new Context(set);
        var results = new List<RuleResult>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in set.Rules)
        {
            results.Add(CompileRule(rule, context, names));
        }

        return new CompileReport(results, set.Diagnostics);
    }

    private static RuleResult CompileRule(LayeredRule rule, Context context, HashSet<string> names)
    {
        RuleResult Reject(string reason, IReadOnlyList<FieldIssue>? issues = null) =>
            new() { Name = rule.Name, Position = rule.Position, Status = RuleStatus.Rejected, Reason = reason, Issues = issues ?? [] };

        if (!rule.Enabled)
        {
            return new RuleResult { Name = rule.Name, Position = rule.Position, Status = RuleStatus.Disabled, Reason = $"enabled: false ({rule.DisabledAt ?? rule.Position})" };
        }

        if (rule.Source != "syscall")
        {
            return Reject($"source {rule.Source}: FarQuery's events are syscalls only", [new FieldIssue("source", $"{rule.Source} is not a FarQuery event source")]);
        }

        var priority = rule.Priority.ToUpperInvariant();
        if (!Priorities.Contains(priority))
        {
            return Reject($"priority '{rule.Priority}' is not a Falco priority");
        }

        ConditionNode condition;
        try
        {
            condition = ConditionParser.Parse(rule.Condition);
            condition = WithExceptions(condition, rule);
        }
        catch (ConditionSyntaxException e)
        {
            return Reject($"condition syntax error at {rule.ConditionPosition} (character {e.Offset + 1} of the condition): {e.Message}");
        }
        catch (CompileException e)
        {
            return Reject(e.Message);
        }

        var parts = new List<(EventTable Table, Cond Cond)>();
        var issues = new List<FieldIssue>();
        var untraced = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in FieldMap.Tables)
        {
            Cond c;
            try
            {
                c = Eval(condition, table, context, untraced, [], 0);
            }
            catch (CompileException e)
            {
                return Reject(e.Message);
            }

            switch (c)
            {
                case Unknown u:
                    issues.AddRange(u.Issues.Where(i => !issues.Contains(i)));
                    break;
                case False:
                    break;
                default:
                    parts.Add((table, c));
                    break;
            }
        }

        if (issues.Count > 0)
        {
            return Reject(string.Join("; ", issues), issues);
        }

        // A host-only rule (`not container`) is named as such, unless it is about events FarQuery does not trace at all.
        if (parts.Count == 0 && untraced.Remove(HostOnly) && untraced.Count == 0)
        {
            return Reject("`container.id`: the rule matches host processes only (container.id = host); FarQuery sees its own container",
                [new FieldIssue("container.id", "the rule matches host processes only (container.id = host); FarQuery sees its own container")]);
        }

        untraced.Remove(HostOnly);
        if (parts.Count == 0)
        {
            var why = untraced.Count > 0 ? "FarQuery does not trace " + string.Join(", ", untraced) : "the condition names no event type FarQuery records";
            return Reject($"`evt.type`: {why}", [new FieldIssue("evt.type", why)]);
        }

        var notes = new List<string>();
        if (untraced.Count > 0)
        {
            notes.Add("not traced, so never matched here: evt.type " + string.Join(", ", untraced));
        }

        var output = Output.Parse(rule.Output);
        var fields = output.Fields.Distinct().ToList();
        var queryName = UniqueName(rule.Name, names);
        var sql = new StringBuilder();
        foreach (var (table, cond) in parts)
        {
            if (sql.Length > 0)
            {
                sql.Append(" UNION ALL ");
            }

            sql.Append("SELECT ").Append(Literal(rule.Name)).Append(" AS rule, ").Append(Literal(priority)).Append(" AS priority, ")
                .Append(Literal(string.Join(',', rule.Tags))).Append(" AS tags, ");
            var columns = new List<string>();
            var rendered = new List<string>();
            foreach (var piece in output.Pieces)
            {
                rendered.Add(piece.Field is null ? Literal(piece.Text) : $"coalesce(CAST({FieldSqlOrNull(piece.Field, table, notes)} AS TEXT), '<NA>')");
            }

            sql.Append(rendered.Count == 0 ? "''" : string.Join(" || ", rendered)).Append(" AS output");
            foreach (var f in fields)
            {
                sql.Append(", ").Append(FieldSqlOrNull(f, table, notes)).Append(" AS ").Append(Identifier(f));
            }

            if (!fields.Contains("evt.time"))
            {
                sql.Append(", e.time AS \"evt.time\"");
            }

            sql.Append(", e.eid AS eid FROM ").Append(table.Name).Append(" e");
            if (cond is SqlCond s)
            {
                sql.Append(" WHERE ").Append(s.Text);
            }
        }

        return new RuleResult
        {
            Name = rule.Name,
            Position = rule.Position,
            Status = RuleStatus.Compiled,
            Notes = [.. notes.Distinct()],
            Query = new CompiledRule
            {
                QueryName = queryName,
                Sql = sql.Append(';').ToString(),
                Priority = priority,
                Tags = rule.Tags,
                Description = rule.Description.Trim(),
                Tables = [.. parts.Select(p => p.Table.Name)],
                OutputFields = fields,
            },
        };
    }

    private static string FieldSqlOrNull(string text, EventTable table, List<string> notes)
    {
        var field = ParseField(text);
        if (FieldMap.Resolve(field, table, out var reason) is { } sql)
        {
            return sql.Expressions[0];
        }

        notes.Add($"output field {text} is <NA> in {table.Name}: {reason}");
        return "NULL";
    }

    /// <summary>Falco's exceptions as condition: <c>cond and not ((f1 c1 v1 and f2 c2 v2) or ...)</c>.</summary>
    private static ConditionNode WithExceptions(ConditionNode condition, LayeredRule rule)
    {
        var suppress = new List<ConditionNode>();
        foreach (var x in rule.Exceptions)
        {
            if (x.Fields.Count == 0)
            {
                throw new CompileException($"exception {x.Name} ({x.Position}) has no fields");
            }

            var comps = x.Comps.Count > 0 ? x.Comps : [.. x.Fields.Select(_ => x.SingleField ? "in" : "=")];
            if (comps.Count != x.Fields.Count)
            {
                throw new CompileException($"exception {x.Name} ({x.Position}): {x.Fields.Count} fields but {comps.Count} comps");
            }

            foreach (var c in comps)
            {
                if (!ConditionParser.ScalarOperators.Contains(c) && !ConditionParser.ListOperators.Contains(c))
                {
                    throw new CompileException($"exception {x.Name} ({x.Position}): unknown operator '{c}'");
                }
            }

            if (x.SingleField)
            {
                var values = x.Values.SelectMany(v => v[0].List ?? [v[0].Scalar!]).Select(v => new Operand(v, false)).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var f = ParseField(x.Fields[0]);
                suppress.Add(ConditionParser.ListOperators.Contains(comps[0])
                    ? new ComparisonNode(f, comps[0], values, true, 0)
                    : new OrNode([.. values.Select(v => (ConditionNode)new ComparisonNode(f, comps[0], [v], false, 0))]));
                continue;
            }

            foreach (var tuple in x.Values)
            {
                if (tuple.Count != x.Fields.Count)
                {
                    throw new CompileException($"exception {x.Name} ({x.Position}): a value has {tuple.Count} entries for {x.Fields.Count} fields");
                }

                var terms = new List<ConditionNode>();
                for (var i = 0; i < tuple.Count; i++)
                {
                    var list = ConditionParser.ListOperators.Contains(comps[i]);
                    if (!list && tuple[i].List is not null)
                    {
                        throw new CompileException($"exception {x.Name} ({x.Position}): '{comps[i]}' takes one value, not a list");
                    }

                    var values = (tuple[i].List ?? [tuple[i].Scalar!]).Select(v => new Operand(v, !list)).ToList();
                    terms.Add(new ComparisonNode(ParseField(x.Fields[i]), comps[i], values, list, 0));
                }

                suppress.Add(terms.Count == 1 ? terms[0] : new AndNode(terms));
            }
        }

        return suppress.Count == 0 ? condition : new AndNode([condition, new NotNode(suppress.Count == 1 ? suppress[0] : new OrNode(suppress))]);
    }

    private static FieldReference ParseField(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && text.EndsWith(']') ? new FieldReference(text[..open], text[(open + 1)..^1]) : new FieldReference(text, null);
    }

    private static Cond Eval(ConditionNode node, EventTable table, Context context, SortedSet<string> untraced, List<string> macros, int depth)
    {
        // Each macro may nest up to the parser's limit on its own; the product is bounded here, so expansion stays far
        // from the stack's end even on a thread-pool thread (config reloads run on one).
        if (depth > MaxExpandedDepth)
        {
            throw new CompileException($"the condition nests deeper than {MaxExpandedDepth} levels once macros are expanded");
        }

        switch (node)
        {
            case AndNode and:
                return And([.. and.Items.Select(i => Eval(i, table, context, untraced, macros, depth + 1))]);
            case OrNode or:
                return Or([.. or.Items.Select(i => Eval(i, table, context, untraced, macros, depth + 1))]);
            case NotNode not:
                return Eval(not.Inner, table, context, untraced, macros, depth + 1) switch
                {
                    True => False.Value,
                    False => True.Value,
                    SqlCond s => new SqlCond($"NOT ifnull({s.Text}, 0)"),
                    var u => u,
                };
            case ConstantNode k:
                return k.Value ? True.Value : False.Value;
            case MacroReference m:
                if (macros.Contains(m.Name))
                {
                    throw new CompileException($"recursive macro: {string.Join(" -> ", macros.SkipWhile(x => x != m.Name))} -> {m.Name}");
                }

                if (macros.Count >= MaxMacroDepth)
                {
                    throw new CompileException($"macros nest deeper than {MaxMacroDepth} ({string.Join(" -> ", macros.Take(4))} -> ...)");
                }

                var body = context.Macro(m.Name);
                macros.Add(m.Name);
                var result = Eval(body, table, context, untraced, macros, depth + 1);
                macros.RemoveAt(macros.Count - 1);
                return result;
            case ComparisonNode c:
                return Compare(c, table, context, untraced);
            default:
                throw new CompileException("unexpected condition node " + node.GetType().Name);
        }
    }

    private static Cond And(List<Cond> items) => Combine(items, "AND", absorbing: False.Value, identity: True.Value);

    private static Cond Or(List<Cond> items) => Combine(items, "OR", absorbing: True.Value, identity: False.Value);

    // AND and OR fold the same way: the absorbing constant decides alone (false for AND, true for OR), an untranslatable
    // item makes the whole unknown, and the identity constant drops out (true for AND, false for OR).
    private static Cond Combine(List<Cond> items, string op, Cond absorbing, Cond identity)
    {
        if (items.Contains(absorbing))
        {
            return absorbing;
        }

        if (items.OfType<Unknown>().ToList() is { Count: > 0 } unknown)
        {
            return new Unknown([.. unknown.SelectMany(u => u.Issues).Distinct()]);
        }

        var sql = items.OfType<SqlCond>().Select(s => s.Text).ToList();
        return sql.Count == 0 ? identity : sql.Count == 1 ? new SqlCond(sql[0]) : new SqlCond("(" + string.Join($" {op} ", sql) + ")");
    }

    private static Cond Compare(ComparisonNode c, EventTable table, Context context, SortedSet<string> untraced)
    {
        var field = c.Field;
        var op = c.Operator == "==" ? "=" : c.Operator;
        var values = c.ValueList ? context.Expand(c.Values) : [.. c.Values.Select(v => v.Text)];
        if (field.Name == "evt.type" && op is "=" or "!=" or "in")
        {
            foreach (var v in values.Where(v => !FieldMap.Tables.Any(t => t.Syscalls.Contains(v))))
            {
                untraced.Add(v);
            }

            // A sensitive-read row (syscall 'inotify') has evt.type openat; FieldMap.SyscallValues adds it to openat's rows.
            var hits = values.Where(table.Syscalls.Contains).Distinct().ToList();
            Cond match = hits.Count == 0 ? False.Value : new SqlCond($"e.syscall IN ({string.Join(", ", FieldMap.SyscallValues(table, hits).Select(Literal))})");
            return op == "!=" ? Not(match) : match;
        }

        if (field.Name == "evt.dir" && op is "=" or "!=" && values.Count == 1)
        {
            // Every FarQuery row is a completed call: Falco's exit event, direction '<'.
            var exit = values[0] == "<";
            return exit == (op == "=") ? True.Value : False.Value;
        }

        if (field.Name == "container.id" && op is "=" or "!=" && values is ["host"])
        {
            // FarQuery traces the container's own processes: none of them is on the host.
            untraced.Add(HostOnly);

            return op == "=" ? False.Value : True.Value;
        }

        if (field.Name is "fd.net" or "fd.snet" or "fd.cnet" or "fd.rnet" or "fd.lnet" && op is "=" or "!=" or "in")
        {
            var ip = new FieldReference(field.Name switch { "fd.net" => "fd.ip", "fd.snet" => "fd.sip", "fd.cnet" => "fd.cip", "fd.rnet" => "fd.rip", _ => "fd.lip" }, null);
            if (FieldMap.Resolve(ip, table, out var ipReason) is not { } ipSql)
            {
                return new Unknown([new FieldIssue(field.ToString(), ipReason)]);
            }

            var nets = new List<Cond>();
            foreach (var expression in ipSql.Expressions)
            {
                var any = new List<Cond>();
                foreach (var v in values)
                {
                    if (Cidr.Sql(expression, v, out var why) is not { } test)
                    {
                        return new Unknown([new FieldIssue(field.ToString(), why)]);
                    }

                    any.Add(new SqlCond(test));
                }

                var matched = Or(any);
                nets.Add(op == "!=" ? Not(matched) : matched);
            }

            return op == "!=" ? And(nets) : Or(nets);
        }

        if (field.Name is "evt.arg.flags" or "evt.arg.mode" or "evt.rawarg.flags" or "evt.rawarg.mode")
        {
            var argument = field.Name.EndsWith("flags", StringComparison.Ordinal) ? "flags" : "mode";
            if (op is "contains" or "icontains" && values.Count == 1 && FieldMap.FlagTest(table, argument, op == "icontains" ? values[0].ToUpperInvariant() : values[0]) is { } test)
            {
                return new SqlCond(test);
            }

            return new Unknown([new FieldIssue(field.ToString(), FieldMap.FlagTest(table, argument, "O_CREAT") is null && FieldMap.FlagTest(table, argument, "CLONE_NEWNS") is null
                ? $"{table.Name} does not record it"
                : $"only `contains FLAG` with a known flag name is compiled (not `{op} {string.Join(", ", values)}`)")]);
        }

        if (FieldMap.Resolve(field, table, out var reason) is not { } sql)
        {
            return new Unknown([new FieldIssue(field.ToString(), reason)]);
        }

        var alternatives = new List<Cond>();
        try
        {
            foreach (var expression in sql.Expressions)
            {
                alternatives.Add(CompareOne(expression, sql.Kind, op, values, field));
            }
        }
        catch (ValueException e)
        {
            return new Unknown([new FieldIssue(field.ToString(), e.Message)]);
        }

        // Falco's either-end fields (fd.ip, fd.port, fd.net, proc.aname) match `!=` only when no end equals the value.
        var result = op == "!=" ? And(alternatives) : Or(alternatives);

        // A number known only to be non-negative (the descriptor of a sensitive read whose reader closed it) satisfies
        // the comparisons every such number does, such as open_read's fd.num>=0; any other is false there, as NULL.
        return sql.NonNegativeWhen is { } known && EveryNonNegativeSatisfies(op, values) ? Or([result, new SqlCond(known)]) : result;
    }

    /// <summary>Whether every number from 0 up satisfies <c>op values</c>.</summary>
    private static bool EveryNonNegativeSatisfies(string op, List<string> values) =>
        op == "exists" || (values.Count == 1 && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            && op switch { ">=" => v <= 0, ">" or "!=" => v < 0, _ => false });

    private static Cond Not(Cond c) => c switch
    {
        True => False.Value,
        False => True.Value,
        SqlCond s => new SqlCond($"NOT ifnull({s.Text}, 0)"),
        _ => c,
    };

    private static Cond CompareOne(string x, FieldKind kind, string op, List<string> values, FieldReference field)
    {
        string Value(string v) => kind == FieldKind.Number ? Number(v, field) : Literal(v);
        if (kind == FieldKind.Bool)
        {
            if (op is not ("=" or "!=") || values.Count != 1 || values[0] is not ("true" or "false"))
            {
                throw new CompileException($"{field} is a boolean field: compare it with = true or = false");
            }

            return (values[0] == "true") == (op == "=") ? new SqlCond(x) : new SqlCond($"NOT ifnull({x}, 0)");
        }

        switch (op)
        {
            case "exists":
                return new SqlCond($"{x} IS NOT NULL");
            case "=" or "!=" or "<" or "<=" or ">" or ">=":
                var v = op is "=" or "!=" ? Value(values[0]) : Number(values[0], field);
                return new SqlCond($"{x} {op} {v}");
            case "in" or "intersects":
                return values.Count == 0 ? False.Value : new SqlCond($"{x} IN ({string.Join(", ", values.Select(Value))})");
            case "pmatch":
                return values.Count == 0 ? False.Value : Or([.. values.Select(p => (Cond)new SqlCond(PathPrefix(x, p)))]);
            case "contains":
                return new SqlCond($"instr({x}, {Literal(values[0])}) > 0");
            case "icontains":
                return new SqlCond($"instr(lower({x}), {Literal(values[0].ToLowerInvariant())}) > 0");
            case "bcontains" or "bstartswith":
                if (!TryHex(values[0], out var text))
                {
                    throw new CompileException($"{field} {op}: '{values[0]}' is not hex text");
                }

                return new SqlCond(op == "bcontains" ? $"instr({x}, {Literal(text)}) > 0" : StartsWith(x, text));
            case "startswith":
                return new SqlCond(StartsWith(x, values[0]));
            case "endswith":
                return new SqlCond(values[0].Length == 0 ? $"{x} IS NOT NULL" : $"substr({x}, -{Length(values[0])}) = {Literal(values[0])}");
            case "glob":
                return new SqlCond($"{x} GLOB {Literal(values[0])}");
            case "iglob":
                return new SqlCond($"lower({x}) GLOB {Literal(values[0].ToLowerInvariant())}");
            default:
                return new Unknown([new FieldIssue(field.ToString(), $"operator {op} is not compiled to SQL (Falco's RE2 syntax has no exact SQLite twin)")]);
        }
    }

    private static string StartsWith(string x, string prefix) =>
        prefix.Length == 0 ? $"{x} IS NOT NULL" : $"substr({x}, 1, {Length(prefix)}) = {Literal(prefix)}";

    private static string PathPrefix(string x, string p)
    {
        var dir = p.TrimEnd('/');
        return dir.Length == 0 ? $"substr({x}, 1, 1) = '/'" : $"({x} = {Literal(dir)} OR substr({x}, 1, {Length(dir + "/")}) = {Literal(dir + "/")})";
    }

    private static string Length(string s) => s.EnumerateRunes().Count().ToString(CultureInfo.InvariantCulture);

    private static bool TryHex(string hex, out string text)
    {
        text = "";
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromHexString(hex));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Number(string v, FieldReference field)
    {
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }

        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out n))
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }

        throw new ValueException($"FarQuery records a number; the rule compares it with '{v}'");
    }

    /// <summary>A SQL string literal.</summary>
    internal static string Literal(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Identifier(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string UniqueName(string rule, HashSet<string> names)
    {
        var slug = NonWord().Replace(rule.ToLowerInvariant(), "_").Trim('_');
        slug = slug.Length == 0 ? "rule" : slug;
        var name = slug;
        for (var i = 2; !names.Add(name); i++)
        {
            name = slug + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    /// <summary>The outcome of a sub-condition over one table.</summary>
    private abstract record Cond;

    private sealed record True : Cond
    {
        public static readonly True Value = new();
    }

    private sealed record False : Cond
    {
        public static readonly False Value = new();
    }

    private sealed record SqlCond(string Text) : Cond;

    private sealed record Unknown(IReadOnlyList<FieldIssue> Issues) : Cond;

    /// <summary>A rule that cannot be compiled for a reason other than a field (an undefined macro, a cycle, a value).</summary>
    private sealed class CompileException(string message) : Exception(message);

    /// <summary>A value the field's FarQuery column cannot hold: a field-level rejection.</summary>
    private sealed class ValueException(string message) : Exception(message);

    /// <summary>Parsed macros and expanded lists, shared by every rule of one compile.</summary>
    private sealed class Context(RuleSet set)
    {
        private readonly Dictionary<string, ConditionNode> macros = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> macroErrors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> lists = new(StringComparer.Ordinal);

        public ConditionNode Macro(string name)
        {
            if (macros.TryGetValue(name, out var node))
            {
                return node;
            }

            if (macroErrors.TryGetValue(name, out var error))
            {
                throw new CompileException(error);
            }

            if (!set.Macros.TryGetValue(name, out var macro))
            {
                throw new CompileException(set.Lists.ContainsKey(name)
                    ? $"'{name}' is a list, used where a condition is expected"
                    : $"undefined macro '{name}' (a misspelt field or macro name)");
            }

            if (!ConditionParser.TryParse(macro.Condition, out node, out var e))
            {
                macroErrors[name] = $"macro {name} at {macro.ConditionPosition}: syntax error at character {e.Offset + 1}: {e.Message}";
                throw new CompileException(macroErrors[name]);
            }

            macros[name] = node;
            return node;
        }

        public List<string> Expand(IEnumerable<Operand> operands)
        {
            var result = new List<string>();
            foreach (var o in operands)
            {
                if (!o.Quoted && set.Lists.ContainsKey(o.Text))
                {
                    result.AddRange(List(o.Text, []));
                }
                else
                {
                    result.Add(o.Text);
                }
            }

            return result;
        }

        private List<string> List(string name, List<string> stack)
        {
            if (lists.TryGetValue(name, out var done))
            {
                return done;
            }

            if (stack.Contains(name))
            {
                throw new CompileException($"list {name} references itself ({string.Join(" -> ", stack.SkipWhile(x => x != name))} -> {name})");
            }

            stack.Add(name);
            var items = new List<string>();
            foreach (var raw in set.Lists[name].Items)
            {
                var item = Unquote(raw);
                if (item == raw && set.Lists.ContainsKey(item))
                {
                    items.AddRange(List(item, stack));
                }
                else
                {
                    items.Add(item);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            lists[name] = items;
            return items;
        }

        private static string Unquote(string s) =>
            s.Length >= 2 && (s[0] == '"' && s[^1] == '"' || s[0] == '\'' && s[^1] == '\'') ? s[1..^1] : s;
    }

    /// <summary>Falco's output format: literal text and <c>%field</c> references.</summary>
    private sealed partial record Output(IReadOnlyList<(string Text, string? Field)> Pieces)
    {
        public IEnumerable<string> Fields => Pieces.Where(p => p.Field is not null).Select(p => p.Field!);

        public static Output Parse(string format)
        {
            var pieces = new List<(string, string?)>();
            var last = 0;
            foreach (Match m in FieldPattern().Matches(format))
            {
                if (m.Index > last)
                {
                    pieces.Add((format[last..m.Index], null));
                }

                pieces.Add(("", m.Groups[1].Value));
                last = m.Index + m.Length;
            }

            if (last < format.Length)
            {
                pieces.Add((format[last..], null));
            }

            return new Output(pieces);
        }

        [GeneratedRegex(@"%\{?([A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]\s]*\])?)\}?")]
        private static partial Regex FieldPattern();
    }
}
