// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Scheduler.Config;

/// <summary>One query of a pack or of the top-level schedule (docs/osquery-compat.md §3.3).</summary>
public sealed record QueryDefinition
{
    /// <summary>Name within its pack.</summary>
    public required string Name { get; init; }

    /// <summary>The scheduled name: bare for the <c>main</c> pack, else <c>pack_&lt;pack&gt;_&lt;name&gt;</c>.</summary>
    public required string ScheduledName { get; init; }

    /// <summary>Owning pack.</summary>
    public required string Pack { get; init; }

    /// <summary>The SQL.</summary>
    public required string Sql { get; init; }

    /// <summary>Interval in seconds (1..604800).</summary>
    public long Interval { get; init; } = 3600;

    /// <summary>Log whole result sets each run.</summary>
    public bool Snapshot { get; init; }

    /// <summary>Log removed rows of differentials.</summary>
    public bool Removed { get; init; } = true;

    /// <summary>Platform restriction, empty for all.</summary>
    public string Platform { get; init; } = "";

    /// <summary>Minimum osquery version, empty for any.</summary>
    public string Version { get; init; } = "";

    /// <summary>Shard restriction 1..100, 0 for none.</summary>
    public long Shard { get; init; }

    /// <summary>Whether the deny-list may stop this query.</summary>
    public bool Denylist { get; init; } = true;

    /// <summary>Informational description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Informational value statement.</summary>
    public string Value { get; init; } = "";
}

/// <summary>A pack: queries with shared platform, version, shard and discovery (docs/osquery-compat.md §3.4).</summary>
public sealed record PackDefinition
{
    /// <summary>Pack name (<c>main</c> for the top-level schedule).</summary>
    public required string Name { get; init; }

    /// <summary>Where it came from: the config file, or the pack file.</summary>
    public string Source { get; init; } = "";

    /// <summary>Platform restriction for the whole pack.</summary>
    public string Platform { get; init; } = "";

    /// <summary>Minimum version for the whole pack.</summary>
    public string Version { get; init; } = "";

    /// <summary>Shard restriction for the whole pack.</summary>
    public long Shard { get; init; }

    /// <summary>Queries that must all return a row for the pack to run.</summary>
    public IReadOnlyList<string> Discovery { get; init; } = [];

    /// <summary>The queries.</summary>
    public IReadOnlyList<QueryDefinition> Queries { get; init; } = [];
}

/// <summary>Decorator queries (docs/osquery-compat.md §3.5).</summary>
public sealed record DecoratorDefinition
{
    /// <summary>Run when the config is loaded.</summary>
    public IReadOnlyList<string> Load { get; init; } = [];

    /// <summary>Run before every scheduled query.</summary>
    public IReadOnlyList<string> Always { get; init; } = [];

    /// <summary>Run every N seconds (N a multiple of 60).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> Interval { get; init; } = new Dictionary<long, IReadOnlyList<string>>();
}

/// <summary>A whole osquery configuration as FarQuery uses it.</summary>
public sealed record OsqueryConfig
{
    /// <summary>The <c>options</c> as written, as strings (custom_ ones included).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The flags in force with this config: its <c>options</c> over the environment and defaults, under the
    /// command line and flagfile it was parsed with. Everything that reads an option reads it here.</summary>
    public FlagValues Flags { get; init; } = FlagValues.Defaults;

    /// <summary>Packs, <c>main</c> (the top-level schedule) first.</summary>
    public IReadOnlyList<PackDefinition> Packs { get; init; } = [];

    /// <summary>Decorators.</summary>
    public DecoratorDefinition Decorators { get; init; } = new();

    /// <summary>FIM categories → path patterns.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FilePaths { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>FIM categories → excluded patterns.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExcludePaths { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Categories that also get OPENED/ACCESSED events.</summary>
    public IReadOnlyList<string> FileAccesses { get; init; } = [];

    /// <summary>Sections read by other parts of the agent (<see cref="ConfigParser.SectionNames"/>), as raw JSON; a later
    /// config's section replaces an earlier one's.</summary>
    public IReadOnlyDictionary<string, string> Sections { get; init; } = new Dictionary<string, string>();

    /// <summary>Warnings met while loading (skipped queries and the like), for the status log.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>SHA-1 of the merged source text (osquery_info.config_hash).</summary>
    public string Hash { get; init; } = "";

    /// <summary>Every query of every pack.</summary>
    public IEnumerable<QueryDefinition> AllQueries => Packs.SelectMany(p => p.Queries);
}
