// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Detections.Tests.Support;

/// <summary>A config for <c>farquery run --config_path</c> whose only detections are Falco rule files (the key
/// <c>falco_rules</c>), written into a scenario's working directory, plus where Falco's stock files are.</summary>
internal static class FalcoConfig
{
    /// <summary>Falco's stable, incubating and sandbox files in ../shared/falco beside the clone, in Falco's load order;
    /// null (and a loud message) off CI when the folder is absent. On CI its absence fails the test.</summary>
    public static string[]? StockFiles
    {
        get
        {
            var dir = Path.GetFullPath(Path.Join(Repository.Root, "..", "shared", "falco"));
            if (!Directory.Exists(dir))
            {
                Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have ../shared/falco beside the clone: " + dir);
                Console.Error.WriteLine("LOUD SKIP: ../shared/falco not found beside the repository; stock Falco rule test not run");
                return null;
            }

            return [.. new[] { "falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml" }.Select(f => Path.Join(dir, f))];
        }
    }

    /// <summary>Writes each text as rules/NN.yaml and a config naming them (after <paramref name="files"/>) by glob;
    /// returns the <c>farquery run</c> options that use it.</summary>
    public static string[] Write(Scenario s, IEnumerable<string> files, params string[] yaml) => Write(s, bundled: false, files, yaml);

    /// <summary>As <see cref="Write(Scenario, IEnumerable{string}, string[])"/>; with <paramref name="bundled"/> the config
    /// also runs the hand-written detection pack embedded in farquery, on the same events.</summary>
    public static string[] Write(Scenario s, bool bundled, IEnumerable<string> files, params string[] yaml) => Write(s, bundled, traceReadOpens: true, files, yaml);

    /// <summary>As <see cref="Write(Scenario, IEnumerable{string}, string[])"/>, with the default options: without
    /// <c>trace_read_opens</c>, reads of the watched files are SensitiveReads' inotify rows (docs/tracer.md §5.2).</summary>
    public static string[] WriteDefaultOptions(Scenario s, IEnumerable<string> files, params string[] yaml) => Write(s, bundled: false, traceReadOpens: false, files, yaml);

    private static string[] Write(Scenario s, bool bundled, bool traceReadOpens, IEnumerable<string> files, string[] yaml)
    {
        var rules = Path.Join(s.Dir, "rules");
        Directory.CreateDirectory(rules);
        for (var i = 0; i < yaml.Length; i++)
        {
            File.WriteAllText(Path.Join(rules, $"{i:00}.yaml"), yaml[i]);
        }

        var config = Path.Join(s.Dir, "farquery.conf");
        using (var stream = File.Create(config))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (traceReadOpens)
            {
                w.WriteStartObject("options");
                w.WriteBoolean("trace_read_opens", true);
                w.WriteEndObject();
            }

            if (bundled)
            {
                w.WriteStartObject("packs");
                w.WriteString("farquery-detections", "/embedded/packs/farquery-detections.json");
                w.WriteEndObject();
            }

            w.WriteStartArray("falco_rules");
            foreach (var f in files)
            {
                w.WriteStringValue(f);
            }

            if (yaml.Length > 0)
            {
                w.WriteStringValue("rules/*.yaml");
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return ["--config_path", config];
    }
}
