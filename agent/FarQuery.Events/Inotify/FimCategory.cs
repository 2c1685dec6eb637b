// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Inotify;

/// <summary>A <c>file_paths</c> category: its name (the <c>file_events.category</c> value), whether it is listed in
/// <c>file_accesses</c>, and its <c>exclude_paths</c>.</summary>
internal sealed class FimCategory(string name, bool accesses)
{
    /// <summary>The category name.</summary>
    public string Name { get; } = name;

    /// <summary>True when the category also reports OPENED/ACCESSED (and is never hashed, as in osquery).</summary>
    public bool Accesses { get; } = accesses;

    /// <summary>Exclusions, parsed with whole-component wildcards only.</summary>
    public List<FimPattern> Excludes { get; } = [];

    /// <summary>True when an exclusion matches the path or its parent directory (osquery checks both, so excluding a
    /// directory excludes the entries directly inside it).</summary>
    public bool IsExcluded(string[] components)
    {
        foreach (var e in Excludes)
        {
            if (e.Matches(components) || (components.Length > 0 && e.Matches(components.AsSpan(0, components.Length - 1))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when everything below the directory is excluded, so it needs no watch at all.</summary>
    public bool ExcludesEverythingBelow(string[] directory)
    {
        foreach (var e in Excludes)
        {
            if (e.Recursive && (e.Matches(directory) || (directory.Length == e.Parts.Length && e.Matches([.. directory, "x"]))))
            {
                return true;
            }
        }

        return false;
    }
}
