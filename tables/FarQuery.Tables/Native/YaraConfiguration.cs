// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The config's <c>yara</c> section, as osquery reads it (docs/osquery-compat.md §3.8): <c>signatures</c>
/// (group → rule files) and <c>file_paths</c> (FIM category → groups, for yara_events). Kept in
/// <see cref="TableContext.Services"/>; a config reload sets a new one. Rule sets are compiled on first use and kept
/// for the configuration's lifetime.</summary>
public sealed class YaraConfiguration
{
    /// <summary>Where a relative sigfile or signature file is looked up, as osquery.</summary>
    public const string RuleDirectory = "/etc/osquery/yara/";

    /// <summary>Largest rule file read.</summary>
    internal const long MaxRuleFileBytes = 16L << 20;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Interop.Yara.RuleSet> compiled = new(StringComparer.Ordinal);

    /// <summary>Rule files per signature group.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Signatures { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Signature groups per FIM category.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FilePaths { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Reads the section's JSON; keys and values of another shape are skipped, as the FIM section's are.</summary>
    public static YaraConfiguration FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new YaraConfiguration
        {
            Signatures = Lists(doc.RootElement, "signatures"),
            FilePaths = Lists(doc.RootElement, "file_paths"),
        };
    }

    /// <summary>The compiled rules of a signature group; throws when the group is unknown or a file does not compile.
    /// The caller has loaded libyara.</summary>
    internal Interop.Yara.RuleSet Group(string group)
    {
        lock (gate)
        {
            if (!compiled.TryGetValue(group, out var rules))
            {
                if (!Signatures.TryGetValue(group, out var files))
                {
                    throw new InvalidOperationException($"yara: no signature group '{group}' in the config's yara section");
                }

                rules = Interop.Yara.RuleSet.Compile(files.Select(f => (ReadRuleFile(f), f)));
                compiled.Add(group, rules);
            }

            return rules;
        }
    }

    /// <summary>A rule file's text (a relative name under <see cref="RuleDirectory"/>); throws when it cannot be read.
    /// Rule files are the agent's configuration, read from its own file system, not through the container seam.</summary>
    internal static string ReadRuleFile(string file)
    {
        var path = file.StartsWith('/') ? file : RuleDirectory + file;
        if (!BoundedFile.TryReadAll(path, FileKind.UserPath, MaxRuleFileBytes, CancellationToken.None, out var bytes, out var refusal))
        {
            throw new InvalidOperationException($"yara: cannot read the rule file {path}: {refusal}");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static Dictionary<string, IReadOnlyList<string>> Lists(JsonElement root, string key)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in section.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Array))
            {
                map[entry.Name] = [.. entry.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
            }
        }

        return map;
    }
}
