// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Rules;

/// <summary>A rule after every file was layered: the last definition with every append and override applied.</summary>
public sealed class LayeredRule
{
    /// <summary>The rule's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it was first defined.</summary>
    public required SourcePosition Position { get; init; }

    /// <summary>The description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The condition, appends included.</summary>
    public string Condition { get; set; } = "";

    /// <summary>Where the condition was defined.</summary>
    public SourcePosition ConditionPosition { get; set; }

    /// <summary>The output format.</summary>
    public string Output { get; set; } = "";

    /// <summary>The priority as written.</summary>
    public string Priority { get; set; } = "";

    /// <summary>The tags.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Whether the rule is enabled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where <see cref="Enabled"/> was last set to false, for the report.</summary>
    public SourcePosition? DisabledAt { get; set; }

    /// <summary>The event source (<c>syscall</c> unless the file says otherwise).</summary>
    public string Source { get; set; } = "syscall";

    /// <summary>The exceptions, appended values included.</summary>
    public List<RuleExceptionDefinition> Exceptions { get; } = [];
}

/// <summary>Layers Falco rule files in load order, as Falco does: later lists, macros and rules replace earlier ones of
/// the same name, <c>append: true</c> and <c>override:</c> extend or replace them key by key, an item naming only
/// <c>enabled</c> switches an earlier rule. Engine and plugin requirements are checked and reported. Nothing here
/// throws for bad input: every problem becomes a <see cref="RuleDiagnostic"/> naming the file, line and column.</summary>
public sealed class RuleSet
{
    /// <summary>The Falco engine version whose rule language this compiler implements (the stock files of
    /// falcosecurity/rules c72713e require 0.57.0). A file requiring a newer engine is not loaded, as Falco would not.</summary>
    public static readonly Version EngineVersion = new(0, 57, 0);

    /// <summary>Plugins whose fields FarQuery maps itself, with the plugin version the mapping follows
    /// (docs/falco-fields.md, "Plugins").</summary>
    public static readonly IReadOnlyDictionary<string, Version> ProvidedPlugins = new Dictionary<string, Version>(StringComparer.Ordinal)
    {
        ["container"] = new(0, 4, 0),
    };

    private readonly Dictionary<string, ListEntry> lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MacroEntry> macros = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LayeredRule> rules = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly List<RuleDiagnostic> diagnostics = [];

    /// <summary>Lists by name (items as written, appends applied).</summary>
    public IReadOnlyDictionary<string, ListEntry> Lists => lists;

    /// <summary>Macros by name (conditions with appends applied).</summary>
    public IReadOnlyDictionary<string, MacroEntry> Macros => macros;

    /// <summary>Rules in the order they were first defined.</summary>
    public IEnumerable<LayeredRule> Rules => order.Select(n => rules[n]);

    /// <summary>Everything reported while reading and layering, in order.</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics => diagnostics;

    /// <summary>Layers the files in order.</summary>
    public static RuleSet Load(IEnumerable<RuleFile> files)
    {
        var set = new RuleSet();
        foreach (var file in files)
        {
            set.Add(file);
        }

        return set;
    }

    /// <summary>Layers one more file over what is loaded.</summary>
    public void Add(RuleFile file)
    {
        diagnostics.AddRange(file.Diagnostics);
        foreach (var entry in file.Entries)
        {
            if (entry is EngineVersionEntry engine && !EngineSupported(engine))
            {
                // Falco refuses a file that needs a newer engine: its items might use syntax we would misread.
                diagnostics.Add(new RuleDiagnostic(engine.Position, $"the file requires Falco engine {engine.Version}; FarQuery implements the rule language of {EngineVersion}: the file's items are not loaded", true));
                return;
            }

            switch (entry)
            {
                case PluginVersionsEntry plugins:
                    CheckPlugins(plugins);
                    break;
                case ListEntry list:
                    AddList(list);
                    break;
                case MacroEntry macro:
                    AddMacro(macro);
                    break;
                case RuleDefinitionEntry rule:
                    AddRule(rule);
                    break;
            }
        }
    }

    private bool EngineSupported(EngineVersionEntry engine)
    {
        // Falco's old files give a bare integer (the engine's internal number before semver): those are all older.
        if (int.TryParse(engine.Version, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }

        if (!Version.TryParse(engine.Version, out var v))
        {
            diagnostics.Add(new RuleDiagnostic(engine.Position, $"required_engine_version '{engine.Version}' is not a version", true));
            return false;
        }

        return v <= EngineVersion;
    }

    private void CheckPlugins(PluginVersionsEntry entry)
    {
        foreach (var p in entry.Plugins)
        {
            var satisfied = new[] { p }.Concat(p.Alternatives).FirstOrDefault(a =>
                ProvidedPlugins.TryGetValue(a.Name, out var have) && Version.TryParse(a.Version, out var need) && need <= have);
            if (satisfied is null)
            {
                var why = ProvidedPlugins.TryGetValue(p.Name, out var have)
                    ? $"FarQuery's {p.Name}.* mapping follows plugin version {have}"
                    : "FarQuery has no such plugin";
                diagnostics.Add(new RuleDiagnostic(entry.Position, $"requires plugin {p.Name} >= {p.Version}: {why}; rules using its fields or source are rejected", false));
            }
        }
    }

    private void AddList(ListEntry entry) => Layer(lists, "list", entry.Name, entry.ItemsMode, entry,
        static (old, e) => old with { Items = e.ItemsMode == "append" ? [.. old.Items, .. e.Items] : e.Items });

    // Falco appends the text with a space: the appended part carries its own `and`/`or`.
    private void AddMacro(MacroEntry entry) => Layer(macros, "macro", entry.Name, entry.ConditionMode, entry,
        static (old, e) => old with { Condition = e.ConditionMode == "append" ? old.Condition + " " + e.Condition : e.Condition });

    /// <summary>Lists and macros layer alike: without a merge mode the entry (re)defines the name; with one (append,
    /// replace) it changes the earlier definition through <paramref name="merge"/>, and is refused when there is none.</summary>
    private void Layer<T>(Dictionary<string, T> defined, string kind, string name, string? mode, T entry, Func<T, T, T> merge)
        where T : RuleEntry
    {
        if (mode is null)
        {
            defined[name] = entry;
        }
        else if (!defined.TryGetValue(name, out var old))
        {
            diagnostics.Add(new RuleDiagnostic(entry.Position, $"{kind} {name}: {mode} of a {kind} that is not defined before", true));
        }
        else
        {
            defined[name] = merge(old, entry);
        }
    }

    private void AddRule(RuleDefinitionEntry e)
    {
        var modifies = e.Append || e.Overrides.Count > 0;
        var enabledOnly = !modifies && e.Condition is null && e.Output is null && e.Priority is null && e.Enabled is not null;
        if (!modifies && !enabledOnly)
        {
            var missing = new[] { ("condition", e.Condition), ("output", e.Output), ("priority", e.Priority) }.Where(x => x.Item2 is null).Select(x => x.Item1).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Add(new RuleDiagnostic(e.Position, $"rule {e.Name}: missing {string.Join(", ", missing)}", true));
                return;
            }

            var rule = new LayeredRule
            {
                Name = e.Name,
                Position = e.Position,
                Description = e.Description ?? "",
                Condition = e.Condition!,
                ConditionPosition = e.ConditionPosition,
                Output = e.Output!,
                Priority = e.Priority!,
                Tags = [.. e.Tags ?? []],
                Enabled = e.Enabled ?? true,
                DisabledAt = e.Enabled == false ? e.Position : null,
                Source = e.Source ?? "syscall",
            };
            rule.Exceptions.AddRange(e.Exceptions ?? []);
            if (!rules.ContainsKey(e.Name))
            {
                order.Add(e.Name);
            }

            rules[e.Name] = rule;
            return;
        }

        if (!rules.TryGetValue(e.Name, out var r))
        {
            diagnostics.Add(new RuleDiagnostic(e.Position, $"rule {e.Name}: {(enabledOnly ? "enabled" : e.Append ? "append" : "override")} of a rule that is not defined before", true));
            return;
        }

        if (enabledOnly)
        {
            SetEnabled(r, e.Enabled!.Value, e.Position);
            return;
        }

        string Mode(string key) => e.Overrides.TryGetValue(key, out var m) ? m : e.Append ? "append" : "";
        foreach (var key in new[] { "condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "source" })
        {
            var mode = Mode(key);
            if (mode.Length == 0)
            {
                continue;
            }

            switch (key)
            {
                case "condition" when e.Condition is not null:
                    r.Condition = mode == "append" ? r.Condition + " " + e.Condition : e.Condition;
                    break;
                case "output" when e.Output is not null:
                    r.Output = mode == "append" ? r.Output + " " + e.Output : e.Output;
                    break;
                case "desc" when e.Description is not null:
                    r.Description = mode == "append" ? r.Description + " " + e.Description : e.Description;
                    break;
                case "priority" when e.Priority is not null:
                    r.Priority = e.Priority;
                    break;
                case "tags" when e.Tags is not null:
                    r.Tags = mode == "append" ? [.. r.Tags, .. e.Tags.Where(t => !r.Tags.Contains(t))] : [.. e.Tags];
                    break;
                case "enabled" when e.Enabled is not null:
                    SetEnabled(r, e.Enabled.Value, e.Position);
                    break;
                case "source" when e.Source is not null:
                    r.Source = e.Source;
                    break;
                case "exceptions" when e.Exceptions is not null:
                    MergeExceptions(r, e, mode == "replace");
                    break;
                default:
                    if (e.Overrides.ContainsKey(key))
                    {
                        diagnostics.Add(new RuleDiagnostic(e.Position, $"rule {e.Name}: override of '{key}' without a '{key}' value", true));
                    }

                    break;
            }
        }

        // An old-style append may also carry `enabled` (Falco applies it).
        if (e.Append && e.Enabled is { } enabled && !e.Overrides.ContainsKey("enabled"))
        {
            SetEnabled(r, enabled, e.Position);
        }
    }

    private static void SetEnabled(LayeredRule r, bool enabled, SourcePosition at)
    {
        r.Enabled = enabled;
        r.DisabledAt = enabled ? null : at;
    }

    private void MergeExceptions(LayeredRule r, RuleDefinitionEntry e, bool replace)
    {
        if (replace)
        {
            r.Exceptions.Clear();
        }

        foreach (var x in e.Exceptions!)
        {
            var i = r.Exceptions.FindIndex(o => o.Name == x.Name);
            if (i < 0)
            {
                if (x.Fields.Count == 0)
                {
                    diagnostics.Add(new RuleDiagnostic(x.Position, $"rule {e.Name}: exception {x.Name} is new here and has no fields", true));
                    continue;
                }

                r.Exceptions.Add(x);
            }
            else
            {
                // Appending to an exception adds value tuples; its fields and comps stay as first defined.
                r.Exceptions[i] = r.Exceptions[i] with { Values = [.. r.Exceptions[i].Values, .. x.Values] };
            }
        }
    }
}
