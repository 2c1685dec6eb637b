// SPDX-License-Identifier: Apache-2.0
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FarQuery.Rules;

/// <summary>Compiled rules as an osquery pack, shaped like packs/farquery-detections.json: each query runs every
/// second and logs added rows only, its description is the rule's and its value names the rule and priority.</summary>
public static class RulePack
{
    /// <summary>Interval of every compiled rule: detections must fire fast (the hand-written pack uses 1 too).</summary>
    public const long Interval = 1;

    /// <summary>The value statement of a query: "Rule name (PRIORITY)", as the hand-written pack writes it.</summary>
    public static string Value(string rule, string priority) => $"{rule} ({priority})";

    /// <summary>The pack JSON for the compiled rules of a report.</summary>
    public static string ToJson(CompileReport report)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("platform", "linux");
            w.WriteStartObject("queries");
            foreach (var r in report.Rules.Where(r => r.Query is not null))
            {
                var q = r.Query!;
                w.WriteStartObject(q.QueryName);
                w.WriteString("query", q.Sql);
                w.WriteNumber("interval", Interval);
                w.WriteBoolean("removed", false);
                w.WriteString("description", q.Description.Length > 0 ? q.Description : r.Name);
                w.WriteString("value", Value(r.Name, q.Priority));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The human report of <c>farquery rules check</c>: one line per rule, then the diagnostics and counts.</summary>
    public static void WriteReport(CompileReport report, TextWriter output)
    {
        foreach (var r in report.Rules)
        {
            var line = r.Status switch
            {
                RuleStatus.Compiled => $"compiled  {r.Name} -> {r.Query!.QueryName} ({string.Join(", ", r.Query.Tables)})",
                RuleStatus.Disabled => $"disabled  {r.Name}: {r.Reason}",
                _ => $"rejected  {r.Name} ({r.Position}): {r.Reason}",
            };
            output.WriteLine(line);
            foreach (var n in r.Notes)
            {
                output.WriteLine("          note: " + n);
            }
        }

        foreach (var d in report.Diagnostics)
        {
            output.WriteLine(d.ToString());
        }

        output.WriteLine($"{report.Rules.Count} rules: {report.Count(RuleStatus.Compiled)} compiled, {report.Count(RuleStatus.Disabled)} disabled, "
            + $"{report.Count(RuleStatus.Rejected)} rejected; {report.Diagnostics.Count(d => d.IsError)} errors, {report.Diagnostics.Count(d => !d.IsError)} warnings");
    }
}
