// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>What the scheduler ran, when and at what cost: the data behind <c>osquery_schedule</c> and
/// <c>osquery_packs</c>. The scheduler writes it; tables read it from <see cref="TableContext.Services"/>.</summary>
public sealed class ScheduleState
{
    private readonly Lock gate = new();
    private List<ScheduledQueryStats> queries = [];
    private List<PackStats> packs = [];

    /// <summary>Replaces the query and pack lists after a config (re)load.</summary>
    public void Reset(IEnumerable<ScheduledQueryStats> newQueries, IEnumerable<PackStats> newPacks)
    {
        lock (gate)
        {
            queries = [.. newQueries];
            packs = [.. newPacks];
        }
    }

    /// <summary>A copy of the query statistics.</summary>
    public IReadOnlyList<ScheduledQueryStats> Queries
    {
        get
        {
            lock (gate)
            {
                return [.. queries];
            }
        }
    }

    /// <summary>A copy of the pack statistics.</summary>
    public IReadOnlyList<PackStats> Packs
    {
        get
        {
            lock (gate)
            {
                return [.. packs];
            }
        }
    }
}

/// <summary>Counters of one scheduled query (osquery_schedule's columns).</summary>
public sealed class ScheduledQueryStats
{
    /// <summary>Scheduled name, with the pack prefix.</summary>
    public required string Name { get; init; }

    /// <summary>The pack it belongs to (<c>main</c> for the top-level schedule).</summary>
    public required string Pack { get; init; }

    /// <summary>The SQL.</summary>
    public required string Query { get; init; }

    /// <summary>Configured interval in seconds.</summary>
    public long Interval { get; init; }

    /// <summary>Runs so far.</summary>
    public long Executions { get; set; }

    /// <summary>UNIX time of the last completed run.</summary>
    public long LastExecuted { get; set; }

    /// <summary>Whether the query is deny-listed now.</summary>
    public bool Denylisted { get; set; }

    /// <summary>Bytes of result rows produced so far.</summary>
    public long OutputSize { get; set; }

    /// <summary>Total wall time in milliseconds.</summary>
    public long WallTimeMs { get; set; }

    /// <summary>Wall time of the last run in milliseconds.</summary>
    public long LastWallTimeMs { get; set; }

    /// <summary>Total user CPU time in milliseconds.</summary>
    public long UserTime { get; set; }

    /// <summary>User CPU time of the last run in milliseconds.</summary>
    public long LastUserTime { get; set; }

    /// <summary>Total system CPU time in milliseconds.</summary>
    public long SystemTime { get; set; }

    /// <summary>System CPU time of the last run in milliseconds.</summary>
    public long LastSystemTime { get; set; }

    /// <summary>Average managed memory left allocated after runs.</summary>
    public long AverageMemory { get; set; }

    /// <summary>Managed memory left allocated after the last run.</summary>
    public long LastMemory { get; set; }

    /// <summary>Rows returned by the last run.</summary>
    public long LastRows { get; set; }

    /// <summary>The last error, or empty.</summary>
    public string LastError { get; set; } = "";
}

/// <summary>State of one pack (osquery_packs' columns).</summary>
public sealed class PackStats
{
    /// <summary>Pack name.</summary>
    public required string Name { get; init; }

    /// <summary>Platform restriction.</summary>
    public string Platform { get; init; } = "";

    /// <summary>Minimum version.</summary>
    public string Version { get; init; } = "";

    /// <summary>Shard restriction (0 none).</summary>
    public long Shard { get; init; }

    /// <summary>Discovery results served from the cache.</summary>
    public long DiscoveryCacheHits { get; set; }

    /// <summary>Discovery query executions.</summary>
    public long DiscoveryExecutions { get; set; }

    /// <summary>Whether the pack runs (platform, version and discovery match).</summary>
    public bool Active { get; set; }
}
