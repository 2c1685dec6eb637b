// SPDX-License-Identifier: Apache-2.0
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FarQuery.Rules;

/// <summary>Reads the text of a Falco rules file into <see cref="RuleEntry"/> items. A pure function of the text: the
/// YAML representation model (no reflection, so NativeAOT-safe) gives every node its line and column, which every
/// diagnostic carries. A YAML syntax error makes the whole file unreadable (one diagnostic); a malformed item is
/// skipped with a diagnostic and the rest of the file is still read.</summary>
public static class RuleFileParser
{
    /// <summary>Deepest nesting of YAML flow collections and block indentation accepted. Falco files nest at most four
    /// levels; the limit keeps a hostile file from exhausting the stack of the recursive YAML loader.</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>Parses one file's text; <paramref name="path"/> names it in diagnostics.</summary>
    public static RuleFile Parse(string text, string path)
    {
        var diagnostics = new List<RuleDiagnostic>();
        var entries = new List<RuleEntry>();
        if (TooDeep(text) is { } deep)
        {
            diagnostics.Add(new RuleDiagnostic(new SourcePosition(path, deep.Line, deep.Column), $"YAML nested deeper than {MaxYamlDepth} levels", true));
            return new RuleFile(path, entries, diagnostics);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new RuleDiagnostic(new SourcePosition(path, (int)e.Start.Line, (int)e.Start.Column), "YAML syntax error: " + Trim(e), true));
            return new RuleFile(path, entries, diagnostics);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed plain scalars; the position is
            // where the last good event ended.
            var (line, column) = LastGoodPosition(text);
            diagnostics.Add(new RuleDiagnostic(new SourcePosition(path, line, column), "YAML syntax error: " + e.Message, true));
            return new RuleFile(path, entries, diagnostics);
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            if (document.RootNode is not YamlSequenceNode items)
            {
                diagnostics.Add(new RuleDiagnostic(At(path, document.RootNode), "a rules file must be a YAML sequence of items (- rule:, - macro:, - list:)", true));
                continue;
            }

            foreach (var item in items.Children)
            {
                if (ParseItem(item, path, diagnostics) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return new RuleFile(path, entries, diagnostics);
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = (Line: 1, Column: 1);
        try
        {
            while (parser.MoveNext())
            {
                last = ((int)parser.Current!.End.Line, (int)parser.Current.End.Column);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Expected: the same error again; the position reached is the answer.
        }

        return last;
    }

    private static string Trim(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is given separately.
        var m = e.Message;
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && m.StartsWith('(') ? m[(i + 3)..] : m;
    }

    /// <summary>The position where the text first nests deeper than <see cref="MaxYamlDepth"/> flow brackets, or null.
    /// Quoted scalars are skipped so brackets inside strings do not count.</summary>
    private static (int Line, int Column)? TooDeep(string text)
    {
        int depth = 0, line = 1, column = 0;
        char quote = '\0', previous = '\n';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            if (column == 1 && quote == '\0' && BlockDepth(text, i) > MaxYamlDepth)
            {
                return (line, 1);
            }

            if (c == '\n')
            {
                line++;
                column = 0;
            }
            else if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && previous is ' ' or '\t' or '\n' or '[' or ',' or ':')
            {
                // A quote opens a scalar only where a scalar may start; an apostrophe inside plain text does not.
                quote = c;
            }
            else if (c is '[' or '{' && ++depth > MaxYamlDepth)
            {
                return (line, column);
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }

            previous = c;
        }

        return null;
    }

    /// <summary>How deep the line starting at <paramref name="start"/> nests block collections: its indentation in
    /// steps of two, plus one per <c>- </c> opening a sequence on the line itself (<c>- - - x</c> nests three deep).</summary>
    private static int BlockDepth(string text, int start)
    {
        int i = start, spaces = 0, dashes = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                spaces++;
                i++;
            }
            else if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == ' ')
            {
                dashes++;
                i += 2;
            }
            else
            {
                break;
            }
        }

        return (spaces / 2) + dashes;
    }

    private static SourcePosition At(string path, YamlNode node) => new(path, (int)node.Start.Line, (int)node.Start.Column);

    private static RuleEntry? ParseItem(YamlNode item, string path, List<RuleDiagnostic> diagnostics)
    {
        var pos = At(path, item);
        if (item is not YamlMappingNode map)
        {
            diagnostics.Add(new RuleDiagnostic(pos, "an item must be a mapping (rule, macro, list, required_engine_version or required_plugin_versions)", true));
            return null;
        }

        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name })
            {
                keys[name] = v;
            }
        }

        try
        {
            if (keys.TryGetValue("rule", out var rule))
            {
                return ParseRule(Scalar(rule, "rule", path), keys, pos, path);
            }

            if (keys.TryGetValue("macro", out var macro))
            {
                var condition = keys.TryGetValue("condition", out var c) ? Scalar(c, "condition", path) : throw new ItemException(pos, "macro has no condition");
                return new MacroEntry
                {
                    Name = Scalar(macro, "macro", path),
                    Condition = condition,
                    ConditionPosition = At(path, c),
                    ConditionMode = MergeMode(keys, path, "condition"),
                    Position = pos,
                };
            }

            if (keys.TryGetValue("list", out var list))
            {
                var items = keys.TryGetValue("items", out var i) ? Strings(i, "items", path) : throw new ItemException(pos, "list has no items");
                return new ListEntry { Name = Scalar(list, "list", path), Items = items, ItemsMode = MergeMode(keys, path, "items"), Position = pos };
            }

            if (keys.TryGetValue("required_engine_version", out var engine))
            {
                return new EngineVersionEntry { Version = Scalar(engine, "required_engine_version", path), Position = pos };
            }

            if (keys.TryGetValue("required_plugin_versions", out var plugins))
            {
                if (plugins is not YamlSequenceNode seq)
                {
                    throw new ItemException(At(path, plugins), "required_plugin_versions must be a sequence");
                }

                return new PluginVersionsEntry { Plugins = [.. seq.Children.Select(p => Plugin(p, path, nested: true))], Position = pos };
            }

            diagnostics.Add(new RuleDiagnostic(pos, "unknown item (expected rule, macro, list, required_engine_version or required_plugin_versions): keys " + string.Join(", ", keys.Keys), true));
            return null;
        }
        catch (ItemException e)
        {
            diagnostics.Add(new RuleDiagnostic(e.Position, e.Message, true));
            return null;
        }
    }

    private static PluginRequirement Plugin(YamlNode node, string path, bool nested)
    {
        if (node is not YamlMappingNode m)
        {
            throw new ItemException(At(path, node), "a plugin requirement must be a mapping with name and version");
        }

        string? name = null, version = null;
        var alternatives = new List<PluginRequirement>();
        foreach (var (k, v) in m.Children)
        {
            switch ((k as YamlScalarNode)?.Value)
            {
                case "name":
                    name = Scalar(v, "name", path);
                    break;
                case "version":
                    version = Scalar(v, "version", path);
                    break;
                case "alternatives" when nested && v is YamlSequenceNode alts:
                    alternatives.AddRange(alts.Children.Select(a => Plugin(a, path, nested: false)));
                    break;
            }
        }

        return name is null || version is null
            ? throw new ItemException(At(path, node), "a plugin requirement needs name and version")
            : new PluginRequirement(name, version, alternatives);
    }

    private static RuleDefinitionEntry ParseRule(string name, Dictionary<string, YamlNode> keys, SourcePosition pos, string path)
    {
        var overrides = Override(keys, path, "condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "source");
        keys.TryGetValue("condition", out var condition);
        return new RuleDefinitionEntry
        {
            Name = name,
            Description = keys.TryGetValue("desc", out var d) ? Scalar(d, "desc", path) : null,
            Condition = condition is null ? null : Scalar(condition, "condition", path),
            ConditionPosition = condition is null ? pos : At(path, condition),
            Output = keys.TryGetValue("output", out var o) ? Scalar(o, "output", path) : null,
            Priority = keys.TryGetValue("priority", out var p) ? Scalar(p, "priority", path) : null,
            Tags = keys.TryGetValue("tags", out var t) ? Strings(t, "tags", path) : null,
            Enabled = Bool(keys, "enabled", path),
            Source = keys.TryGetValue("source", out var s) ? Scalar(s, "source", path) : null,
            Exceptions = keys.TryGetValue("exceptions", out var e) ? Exceptions(e, path) : null,
            Append = Bool(keys, "append", path) == true,
            Overrides = overrides,
            Position = pos,
        };
    }

    private static List<RuleExceptionDefinition> Exceptions(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw new ItemException(At(path, node), "exceptions must be a sequence");
        }

        var result = new List<RuleExceptionDefinition>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m)
            {
                throw new ItemException(At(path, item), "an exception must be a mapping with name, fields, comps and values");
            }

            var keys = m.Children.Where(kv => kv.Key is YamlScalarNode).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => kv.Value, StringComparer.Ordinal);
            var name = keys.TryGetValue("name", out var n) ? Scalar(n, "name", path) : throw new ItemException(At(path, item), "an exception needs a name");
            var single = keys.TryGetValue("fields", out var f) && f is YamlScalarNode;
            var fields = f is null ? [] : single ? [Scalar(f, "fields", path)] : Strings(f, "fields", path);
            var comps = !keys.TryGetValue("comps", out var c) ? [] : c is YamlScalarNode ? [Scalar(c, "comps", path)] : Strings(c, "comps", path);
            var values = new List<IReadOnlyList<ExceptionValue>>();
            if (keys.TryGetValue("values", out var v))
            {
                if (v is not YamlSequenceNode vs)
                {
                    throw new ItemException(At(path, v), $"exception {name}: values must be a sequence");
                }

                foreach (var tuple in vs.Children)
                {
                    if (single)
                    {
                        values.Add([Value(tuple, path)]);
                    }
                    else if (tuple is YamlSequenceNode ts)
                    {
                        values.Add([.. ts.Children.Select(x => Value(x, path))]);
                    }
                    else
                    {
                        throw new ItemException(At(path, tuple), $"exception {name}: with several fields each value must be a sequence (one entry per field)");
                    }
                }
            }

            result.Add(new RuleExceptionDefinition { Name = name, Fields = fields, SingleField = single, Comps = comps, Values = values, Position = At(path, item) });
        }

        return result;
    }

    private static ExceptionValue Value(YamlNode node, string path) => node switch
    {
        YamlScalarNode s => new ExceptionValue(s.Value ?? "", null),
        YamlSequenceNode q => new ExceptionValue(null, [.. q.Children.Select(x => Scalar(x, "value", path))]),
        _ => throw new ItemException(At(path, node), "an exception value must be a scalar or a sequence"),
    };

    /// <summary>How a macro's or list's one field merges with an earlier item of the same name: the <c>override</c>
    /// key's mode for it, else <c>append: true</c>'s "append", else null (replace).</summary>
    private static string? MergeMode(Dictionary<string, YamlNode> keys, string path, string field) =>
        Override(keys, path, field).GetValueOrDefault(field) ?? (Bool(keys, "append", path) == true ? "append" : null);

    private static Dictionary<string, string> Override(Dictionary<string, YamlNode> keys, string path, params string[] allowed)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!keys.TryGetValue("override", out var node))
        {
            return result;
        }

        if (node is not YamlMappingNode m)
        {
            throw new ItemException(At(path, node), "override must be a mapping of key: append|replace");
        }

        foreach (var (k, v) in m.Children)
        {
            var key = Scalar(k, "override", path);
            var mode = Scalar(v, "override." + key, path);
            if (mode is not ("append" or "replace"))
            {
                throw new ItemException(At(path, v), $"override of '{key}' must be append or replace, not '{mode}'");
            }

            if (!allowed.Contains(key))
            {
                throw new ItemException(At(path, k), $"'{key}' cannot be overridden here (allowed: {string.Join(", ", allowed)})");
            }

            if (mode == "append" && key is "priority" or "enabled" or "source")
            {
                throw new ItemException(At(path, v), $"'{key}' can only be replaced, not appended");
            }

            result[key] = mode;
        }

        return result;
    }

    private static string Scalar(YamlNode node, string key, string path) => node is YamlScalarNode s
        ? s.Value ?? ""
        : throw new ItemException(At(path, node), $"'{key}' must be a scalar");

    private static List<string> Strings(YamlNode node, string key, string path) => node switch
    {
        YamlSequenceNode seq => [.. seq.Children.Select(x => Scalar(x, key, path))],
        YamlScalarNode { Value: null or "" } => [],
        _ => throw new ItemException(At(path, node), $"'{key}' must be a sequence"),
    };

    private static bool? Bool(Dictionary<string, YamlNode> keys, string key, string path)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        return Scalar(node, key, path) switch
        {
            "true" or "True" or "TRUE" or "yes" => true,
            "false" or "False" or "FALSE" or "no" => false,
            var other => throw new ItemException(At(path, node), $"'{key}' must be true or false, not '{other}'"),
        };
    }

    /// <summary>A malformed item: reported and skipped.</summary>
    private sealed class ItemException(SourcePosition position, string message) : Exception(message)
    {
        public SourcePosition Position { get; } = position;
    }
}
