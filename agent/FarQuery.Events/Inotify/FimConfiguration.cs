// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Events.Inotify;

/// <summary>What file integrity monitoring watches, with osquery's keys (docs/osquery-compat.md §3.6): <c>file_paths</c>
/// (category → patterns), <c>exclude_paths</c> (category → patterns) and <c>file_accesses</c> (categories that also
/// report OPENED/ACCESSED), plus FarQuery's caps on hashing and watches.</summary>
public sealed class FimConfiguration
{
    private readonly Dictionary<string, List<string>> filePaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> excludePaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> fileAccesses = new(StringComparer.Ordinal);

    /// <summary>Patterns per category, in the order added.</summary>
    public IReadOnlyDictionary<string, List<string>> FilePaths => filePaths;

    /// <summary>Exclusions per category. osquery silently drops categories that are not in <see cref="FilePaths"/>;
    /// FarQuery keeps them here and the publisher reports them.</summary>
    public IReadOnlyDictionary<string, List<string>> ExcludePaths => excludePaths;

    /// <summary>Categories that also get OPENED and ACCESSED events (and, as in osquery, no hashes).</summary>
    public IReadOnlySet<string> FileAccesses => fileAccesses;

    /// <summary>Files larger than this are not hashed (hashed = 0). osquery's <c>read_max</c> default, 50 MiB.</summary>
    public long MaxHashFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most files hashed per second; past it rows get hashed = 0, so a burst cannot starve the agent.</summary>
    public int MaxHashesPerSecond { get; set; } = 1000;

    /// <summary>Most bytes hashed per second (same purpose as <see cref="MaxHashesPerSecond"/>).</summary>
    public long MaxHashBytesPerSecond { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most inotify watches this publisher takes; 0 means the kernel's
    /// <c>/proc/sys/fs/inotify/max_user_watches</c>.</summary>
    public int MaxWatches { get; set; }

    /// <summary>Adds a pattern to a category.</summary>
    public FimConfiguration AddPath(string category, string pattern)
    {
        Add(filePaths, category, pattern);
        return this;
    }

    /// <summary>Excludes a pattern from a category's events.</summary>
    public FimConfiguration Exclude(string category, string pattern)
    {
        Add(excludePaths, category, pattern);
        return this;
    }

    /// <summary>Makes a category report OPENED and ACCESSED too.</summary>
    public FimConfiguration TrackAccesses(string category)
    {
        fileAccesses.Add(category);
        return this;
    }

    /// <summary>Reads <c>file_paths</c>, <c>exclude_paths</c> and <c>file_accesses</c> from an osquery configuration
    /// document; other keys are ignored, and values of the wrong shape are skipped (the config loader validates).</summary>
    public static FimConfiguration FromOsqueryJson(JsonElement root)
    {
        var config = new FimConfiguration();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return config;
        }

        ReadCategories(root, "file_paths", config.AddPath);
        ReadCategories(root, "exclude_paths", (c, p) => config.Exclude(c, p));
        if (root.TryGetProperty("file_accesses", out var accesses) && accesses.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in accesses.EnumerateArray())
            {
                if (a.ValueKind == JsonValueKind.String)
                {
                    config.TrackAccesses(a.GetString()!);
                }
            }
        }

        return config;
    }

    private static void ReadCategories(JsonElement root, string key, Func<string, string, FimConfiguration> add)
    {
        if (!root.TryGetProperty(key, out var categories) || categories.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var category in categories.EnumerateObject())
        {
            if (category.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var p in category.Value.EnumerateArray())
            {
                if (p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s)
                {
                    add(category.Name, s);
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string category, string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (!map.TryGetValue(category, out var list))
        {
            list = [];
            map.Add(category, list);
        }

        if (!list.Contains(pattern))
        {
            list.Add(pattern);
        }
    }
}
