// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core.Memory;

/// <summary>How much memory the agent may spend beyond its fixed footprint, and how that is shared out. The agent is
/// the container's PID 1: when the container passes its limit the kernel's OOM killer takes the largest process, the
/// agent, and the app with it. osquery answers this with a watchdog that kills a worker process; FarQuery has no worker
/// to sacrifice, so every place that can grow with its input is held to a share of this budget and fails one query (or
/// drops one event or log line, counted) instead (docs/memory.md).</summary>
/// <remarks>The shares: SQLite's heap (<see cref="SqliteHeap"/>, enforced by SQLite itself with
/// <c>sqlite3_hard_heap_limit64</c>), query results while they are produced (<see cref="Results"/>), event buffers
/// (<see cref="Events"/>) and log buffers (<see cref="Logs"/>). They add up to <see cref="Bytes"/>.</remarks>
public sealed class MemoryBudget
{
    /// <summary>The budget when nothing says otherwise: no container limit could be read.</summary>
    public const long DefaultBytes = 150L << 20;

    /// <summary>The smallest budget: below it the agent could not run an ordinary query.</summary>
    public const long MinimumBytes = 16L << 20;

    /// <summary>The share of the container's memory limit the agent takes by default (the smaller of this and
    /// <see cref="DefaultBytes"/>).</summary>
    public const double DefaultShare = 0.15;

    private long bytes;

    /// <summary>Creates a budget of <paramref name="bytes"/> (raised to <see cref="MinimumBytes"/>).</summary>
    /// <param name="bytes">The budget.</param>
    /// <param name="source">Where the figure came from, for <c>farquery status</c>.</param>
    /// <param name="containerLimit">The container's memory limit in bytes, 0 when unknown.</param>
    public MemoryBudget(long bytes, string source, long containerLimit = 0)
    {
        this.bytes = Math.Max(MinimumBytes, bytes);
        Source = source;
        ContainerLimit = containerLimit;
        Results = new MemoryAccount("results", () => Bytes / 4);
        Events = new MemoryAccount("events", () => Bytes / 4);
        Logs = new MemoryAccount("logs", () => Bytes / 8);
    }

    /// <summary>A budget of <see cref="DefaultBytes"/> for a process that read no limit (tests, the CLI's own engine).</summary>
    public static MemoryBudget Default => new(DefaultBytes, "default");

    /// <summary>The whole budget in bytes.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Where <see cref="Bytes"/> came from: the flag, the cgroup, the ECS task, or the default.</summary>
    public string Source { get; private set; }

    /// <summary>The container's memory limit in bytes; 0 when none could be read.</summary>
    public long ContainerLimit { get; private set; }

    /// <summary>SQLite's heap limit, for every connection of the process together (3/8 of the budget).</summary>
    public long SqliteHeap => Bytes * 3 / 8;

    /// <summary>The longest string or blob SQLite may build (<c>SQLITE_LIMIT_LENGTH</c>): no larger value fits in a
    /// result anyway.</summary>
    public long MaxValueBytes => Math.Min(Bytes / 4, int.MaxValue);

    /// <summary>Rows of queries still being produced, all queries together (1/4 of the budget).</summary>
    public MemoryAccount Results { get; }

    /// <summary>Rows held in event buffers, all event tables together (1/4 of the budget).</summary>
    public MemoryAccount Events { get; }

    /// <summary>Log lines waiting for a sink (1/8 of the budget).</summary>
    public MemoryAccount Logs { get; }

    /// <summary>The default size for a container limit: the smaller of <see cref="DefaultShare"/> of it and
    /// <see cref="DefaultBytes"/>; <see cref="DefaultBytes"/> when the limit is unknown (0).</summary>
    public static long SizeFor(long containerLimit) =>
        containerLimit <= 0 ? DefaultBytes : Math.Max(MinimumBytes, Math.Min(DefaultBytes, (long)(containerLimit * DefaultShare)));

    /// <summary>The budget for this process: <paramref name="flagMegabytes"/> when given, else sized from the container's
    /// cgroup memory limit (v2, then v1), else the default (the ECS task's limit may still resize it, see
    /// <see cref="ResizeFromTask"/>).</summary>
    public static MemoryBudget Detect(HostFileSystem fs, long? flagMegabytes)
    {
        var limit = CgroupMemoryLimit.Read(fs);
        if (flagMegabytes is > 0 and var mb)
        {
            return new MemoryBudget(mb << 20, "--memory_budget", limit?.Bytes ?? 0);
        }

        return limit is { } l
            ? new MemoryBudget(SizeFor(l.Bytes), string.Create(CultureInfo.InvariantCulture, $"{DefaultShare:P0} of the {l.Source} limit"), l.Bytes)
            : new MemoryBudget(DefaultBytes, "default (no container memory limit found)");
    }

    /// <summary>Sizes a budget that found no cgroup limit from the ECS task's memory (MiB, from the metadata endpoint);
    /// a budget set by the flag or from the cgroup is kept. Returns whether it changed.</summary>
    public bool ResizeFromTask(long taskMemoryMib)
    {
        if (ContainerLimit > 0 || taskMemoryMib <= 0 || Source == "--memory_budget")
        {
            return false;
        }

        ContainerLimit = taskMemoryMib << 20;
        Interlocked.Exchange(ref bytes, SizeFor(ContainerLimit));
        Source = string.Create(CultureInfo.InvariantCulture, $"{DefaultShare:P0} of the ECS task's memory");
        return true;
    }

    /// <summary>The budget in words for error messages and status lines: size, where it came from, and the flag that
    /// changes it.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"memory budget {Bytes >> 20} MiB, {Source}; set with --memory_budget=MB");

    /// <summary>An estimate of the managed bytes a value keeps: object header and length fields plus payload. Coarse on
    /// purpose: it is taken per value while rows are produced.</summary>
    public static long SizeOf(object? value) => value switch
    {
        null => 0,
        string s => 22 + (2L * s.Length),
        byte[] b => 24 + b.LongLength,
        _ => 24,
    };

    /// <summary>An estimate of the managed bytes a row keeps (the array and its values).</summary>
    public static long SizeOf(object?[] row)
    {
        var total = 24 + (8L * row.Length);
        foreach (var v in row)
        {
            total += SizeOf(v);
        }

        return total;
    }
}
