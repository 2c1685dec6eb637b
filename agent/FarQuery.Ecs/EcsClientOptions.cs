// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>Timeouts, retries and cache ages of <see cref="EcsMetadataClient"/>.</summary>
public sealed record EcsClientOptions
{
    /// <summary>Time allowed for one request, body included. The endpoint is link-local and answers in milliseconds;
    /// a query must not stall on it.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed to open the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per fetch: the first plus retries after a timeout, a refused connection or an HTTP 5xx.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Age after which <c>/task</c> is fetched again: it carries the desired and known status.</summary>
    public TimeSpan TaskMaxAge { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Age after which the own container (<c>${uri}</c>) and the tags (<c>/taskWithTags</c>) are fetched
    /// again: they hold facts that do not change while the task runs (ids, image, tags).</summary>
    public TimeSpan FactsMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Age after which the stats are fetched again (the agent refreshes them about every 10 s).</summary>
    public TimeSpan StatsMaxAge { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time during which a failed fetch is answered from memory (its error, and the last good document)
    /// instead of asking the endpoint again.</summary>
    public TimeSpan RetryFailedAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest body accepted; a task document is a few KiB per container.</summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;
}
