// SPDX-License-Identifier: Apache-2.0
using FarQuery.Rules;

namespace FarQuery.Scheduler.Config;

/// <summary>The config key <c>"falco_rules": ["/etc/farquery/rules.d/*.yaml", ...]</c>: Falco rule files, layered in
/// the order the globs give them, compiled into the pack <see cref="PackName"/> (docs/falco-fields.md). Read at start
/// and on every config reload, like the rest of the config. Nothing about the rule files stops the agent: unreadable
/// or malformed files, rules FarQuery cannot compile and syntax errors (with file, line and column) become warnings.</summary>
public static class FalcoRulesConfig
{
    /// <summary>The config key.</summary>
    public const string Key = "falco_rules";

    /// <summary>The pack the compiled rules form; their scheduled names are <c>pack_falco_&lt;rule_in_snake_case&gt;</c>.</summary>
    public const string PackName = "falco";

    /// <summary>Reads the key's value (an array of globs, or one glob) and compiles the files; null when nothing loads.</summary>
    public static PackDefinition? Read(JsonElement value, string source, string? baseDirectory, string delimiter, List<string> warnings)
    {
        List<string> patterns = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            _ => [],
        };
        if (patterns.Count == 0)
        {
            warnings.Add($"{source}: '{Key}' must be an array of file globs; no Falco rules loaded");
            return null;
        }

        var report = RuleFileReader.Compile(patterns, baseDirectory, warnings);
        foreach (var d in report.Diagnostics)
        {
            warnings.Add("falco_rules: " + d);
        }

        foreach (var r in report.Rules.Where(r => r.Status == RuleStatus.Rejected))
        {
            warnings.Add($"falco_rules: rule '{r.Name}' ({r.Position}) not run: {r.Reason}");
        }

        return ToPack(report, source, delimiter);
    }

    /// <summary>The compiled rules of a report as a pack.</summary>
    public static PackDefinition ToPack(CompileReport report, string source, string delimiter = "_") => new()
    {
        Name = PackName,
        Source = source,
        Platform = "linux",
        Queries = [.. report.Rules.Where(r => r.Query is not null).Select(r => new QueryDefinition
        {
            Name = r.Query!.QueryName,
            ScheduledName = "pack" + delimiter + PackName + delimiter + r.Query.QueryName,
            Pack = PackName,
            Sql = r.Query.Sql,
            Interval = RulePack.Interval,
            Removed = false,
            Description = r.Query.Description.Length > 0 ? r.Query.Description : r.Name,
            Value = RulePack.Value(r.Name, r.Query.Priority),
        })],
    };
}
