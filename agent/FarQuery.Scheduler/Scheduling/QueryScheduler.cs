// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Scheduler.Config;
using FarQuery.Scheduler.Logging;
using FarQuery.Sql;

namespace FarQuery.Scheduler.Scheduling;

/// <summary>Runs the configured packs with osquery's semantics (docs/osquery-compat.md §3–§5): a drift-compensated one-second tick,
/// splayed intervals, platform/version/shard/discovery gating, snapshot and differential results, per-query event
/// bookmarks so a detection fires once per event, decorations, and a deny-list for queries that fail or overrun.
/// It owns its own SqlHost, so operator queries on other connections never delay detections.</summary>
public sealed class QueryScheduler : IDisposable
{
    private readonly SqlHost host;
    private readonly TableContext context;
    private readonly SchedulerOptions options;
    private readonly IReadOnlyList<ILogSink> sinks;
    private readonly LogFormatter formatter;
    private readonly ScheduleState state;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> eventTables;
    private List<PackEntry> packs = [];
    private OsqueryConfig config = new();
    private Dictionary<string, string> loadDecorations = [];
    private readonly Dictionary<long, Dictionary<string, string>> intervalDecorations = [];
    private Thread? thread;
    private CancellationTokenSource? stop;

    /// <summary>Creates a scheduler over its own host.</summary>
    public QueryScheduler(SqlHost host, LogFormatter formatter, IReadOnlyList<ILogSink> sinks, SchedulerOptions? options = null)
    {
        this.host = host;
        context = host.Context;
        this.formatter = formatter;
        this.sinks = sinks;
        this.options = options ?? new SchedulerOptions();
        state = context.Services.Get<ScheduleState>() ?? new ScheduleState();
        context.Services.Set(state);

        // A loop rather than a query over the table list: the first generic query of its kind costs the NativeAOT build a
        // lookup of its method at run time, beside the app's start (docs/tracer.md, "The agent's start beside the app,
        // sixth pass").
        eventTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in host.Tables)
        {
            if (table.Schema.IsEventTable)
            {
                eventTables.Add(table.Name);
            }
        }
    }

    /// <summary>The config in force.</summary>
    public OsqueryConfig Config
    {
        get
        {
            lock (gate)
            {
                return config;
            }
        }
    }

    /// <summary>Ticks run so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Applies a (re)loaded config: differential state and bookmarks survive for queries that keep their name.</summary>
    public void Apply(OsqueryConfig newConfig)
    {
        lock (gate)
        {
            config = newConfig;
            var splay = newConfig.Flags.Int(FlagCatalog.ScheduleSplayPercent);
            var keep = new Dictionary<string, Entry>(entries, StringComparer.Ordinal);
            entries.Clear();
            packs = [.. newConfig.Packs.Select(p => new PackEntry(p, new PackStats { Name = p.Name, Platform = p.Platform, Version = p.Version, Shard = p.Shard }))];
            foreach (var pack in packs)
            {
                foreach (var q in pack.Definition.Queries)
                {
                    var stats = new ScheduledQueryStats { Name = q.ScheduledName, Pack = q.Pack, Query = q.Sql, Interval = q.Interval };
                    var entry = keep.TryGetValue(q.ScheduledName, out var old)
                        ? old with { Definition = q, Stats = stats, Pack = pack, Splayed = Splay.Apply(q.ScheduledName, q.Interval, splay) }
                        : new Entry(q, pack, stats, new Differential(), new EventBookmarks(), Splay.Apply(q.ScheduledName, q.Interval, splay));
                    if (old is not null && old.Definition.Sql != q.Sql)
                    {
                        Status(0, $"Scheduled query has been updated: {q.ScheduledName}");
                    }

                    // A query over a table FarQuery lacks (or with a syntax error) is reported once here and never run,
                    // instead of failing every interval. The statement checked is kept for the query's first run.
                    entry.Unrunnable = host.Check(q.Sql, out var referenced, keep: true);
                    entry.EventTables = [.. referenced.Where(eventTables.Contains)];
                    if (entry.Unrunnable is { } why)
                    {
                        stats.LastError = why;
                        Status(1, $"Scheduled query {q.ScheduledName} cannot run and is skipped: {why}");
                    }

                    entries[q.ScheduledName] = entry;
                }
            }

            foreach (var w in newConfig.Warnings)
            {
                Status(1, w);
            }

            foreach (var pack in packs)
            {
                pack.Stats.Active = StaticallyActive(pack.Definition, out var why);
                if (!pack.Stats.Active)
                {
                    Status(0, $"pack {pack.Definition.Name} is not active: {why}");
                }
            }

            loadDecorations = RunDecorators(newConfig.Decorators.Load);
            intervalDecorations.Clear();
            context.Agent.ConfigHash = newConfig.Hash;
            context.Agent.ConfigValid = true;
            state.Reset(entries.Values.Select(e => e.Stats), packs.Select(p => p.Stats));
        }
    }

    /// <summary>Starts the one-second tick on a background thread.</summary>
    public void Start()
    {
        stop = new CancellationTokenSource();
        thread = new Thread(() => Loop(stop.Token)) { IsBackground = true, Name = "farquery-scheduler" };
        thread.Start();
    }

    /// <summary>Stops the tick thread: no query starts after this, and the one running is interrupted. Waits at most
    /// <paramref name="bound"/> for the thread; true when it ended. Called when the app exits, before
    /// <see cref="RunEventQueries"/>, so the last run and a tick never use the connection at once.</summary>
    public bool Stop(TimeSpan bound)
    {
        if (thread is null || stop is null)
        {
            return true;
        }

        stop.Cancel();
        var until = Stopwatch.StartNew();
        do
        {
            // Again and again: sqlite3_interrupt only reaches a statement that is running, and the thread may be between
            // its cancellation check and the next statement when the first one lands.
            host.Interrupt();
            if (thread.Join(TimeSpan.FromMilliseconds(20)))
            {
                return true;
            }
        }
        while (until.Elapsed < bound);

        return false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(1));
    }

    private void Loop(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var signal = context.Events.Added;
        var waits = new[] { ct.WaitHandle, signal.WaitHandle };
        var lastWake = TimeSpan.Zero;

        // How many event runs in a row found new events already waiting when they ended: an app producing events without
        // pause (a build, a shell loop) has its runs spaced out further, up to MaxEventBackoff doublings of the delay.
        var busyRuns = 0;
        long tick = 0;
        while (!ct.IsCancellationRequested)
        {
            tick++;

            // Drift compensation: wait for the tick's own second, not one second after the previous run finished. New
            // events wake the wait early: the detections over event tables run within milliseconds of the event instead
            // of at the next tick (docs/events.md, "Event-driven detection"); the tick itself keeps its second.
            while (true)
            {
                var wait = TimeSpan.FromSeconds(tick) - clock.Elapsed;
                var delay = EventDelay();
                if (wait <= TimeSpan.Zero)
                {
                    if (wait < TimeSpan.FromSeconds(-5))
                    {
                        // Far behind (a slow query, a suspended task): skip the missed seconds instead of running them in a burst.
                        tick = (long)clock.Elapsed.TotalSeconds;
                    }

                    break;
                }

                var woke = delay > TimeSpan.Zero ? WaitHandle.WaitAny(waits, wait) : (ct.WaitHandle.WaitOne(wait) ? 0 : WaitHandle.WaitTimeout);
                if (woke == 0)
                {
                    return;
                }

                if (woke == WaitHandle.WaitTimeout)
                {
                    continue;
                }

                // Events of the next few milliseconds join this run (a burst is read once); a run that took long waits
                // twice as long again before the next, so a busy app cannot keep the scheduler's core busy with re-runs;
                // and while events keep coming, each run waits twice as long as the one before, up to 2^MaxEventBackoff
                // times the delay: every run costs each detection over the event tables a statement, however few rows
                // are new (docs/events.md, "Event-driven detection").
                signal.Reset();
                var coalesce = EventWindow(delay, lastWake, busyRuns);
                if (ct.WaitHandle.WaitOne(coalesce))
                {
                    return;
                }

                var started = clock.Elapsed;
                try
                {
                    RunNewEvents(ct);
                }
                catch (Exception e)
                {
                    Status(2, "scheduler event run failed: " + e.Message);
                }

                lastWake = clock.Elapsed - started;
                busyRuns = signal.IsRaised ? Math.Min(busyRuns + 1, MaxEventBackoff) : 0;
            }

            try
            {
                RunTick(tick, ct);
            }
            catch (Exception e)
            {
                // The scheduler must outlive any bug in one run; the app and the tracer never depend on it.
                Status(2, "scheduler tick failed: " + e.Message);
            }
        }
    }

    /// <summary>Doublings of <c>--event_query_delay_ms</c> at most between event runs while events keep coming: 8 × 15 ms
    /// by default.</summary>
    internal const int MaxEventBackoff = 3;

    /// <summary>How long an event wake waits for more events before it runs: the delay, doubled for each of
    /// <paramref name="busyRuns"/> runs in a row that ended with new events already waiting, and at least twice what the
    /// last run took.</summary>
    internal static TimeSpan EventWindow(TimeSpan delay, TimeSpan lastRun, int busyRuns)
    {
        var window = delay * (1 << Math.Clamp(busyRuns, 0, MaxEventBackoff));
        return window > lastRun * 2 ? window : lastRun * 2;
    }

    /// <summary><c>--event_query_delay_ms</c> of the config in force (zero: event queries wait for their interval).</summary>
    private TimeSpan EventDelay()
    {
        lock (gate)
        {
            return TimeSpan.FromMilliseconds(config.Flags.Int(FlagCatalog.EventQueryDelayMs));
        }
    }

    /// <summary>Runs the queries over event tables that have events past the query's bookmark, whatever their interval:
    /// what the tick thread does when events arrive, so a detection fires within milliseconds. Each event still comes
    /// out once (the bookmarks, under the entry's run lock). Snapshot queries keep their interval: their result is the
    /// whole set at a moment, not a stream.</summary>
    public void RunNewEvents(CancellationToken cancellation = default)
    {
        List<Entry> readers;
        lock (gate)
        {
            readers = [.. entries.Values.Where(e => e.ReadsEvents && !e.Definition.Snapshot)];
        }

        var lastEids = context.Events.Buffers.ToDictionary(b => b.Name, b => b.NextEid - 1, StringComparer.Ordinal);
        foreach (var entry in readers)
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            if (entry.EventTables.Any(t => lastEids.TryGetValue(t, out var last) && last > entry.Bookmarks.Get(t)) && IsRunnable(entry))
            {
                Run(entry, cancellation);
            }
        }
    }

    /// <summary>Runs every query due at this tick (interval divides the tick, as osquery counts seconds); a cancelled
    /// <paramref name="cancellation"/> interrupts the running query and skips the rest.</summary>
    public void RunTick(long tick, CancellationToken cancellation = default)
    {
        Ticks = tick;
        List<Entry> due;
        lock (gate)
        {
            foreach (var (seconds, queries) in config.Decorators.Interval)
            {
                if (tick % seconds == 0 || !intervalDecorations.ContainsKey(seconds))
                {
                    intervalDecorations[seconds] = RunDecorators(queries);
                }
            }

            due = [.. entries.Values.Where(e => tick % e.Splayed == 0)];
        }

        var signal = context.Events.Added;
        var eventDriven = EventDelay() > TimeSpan.Zero;
        foreach (var entry in due)
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            // Events that came while this tick runs its (maybe many) queries are detected between two of them, not
            // after the whole tick: a long tick must not hold a detection back.
            if (eventDriven && signal.IsRaised)
            {
                signal.Reset();
                RunNewEvents(cancellation);
            }

            if (IsRunnable(entry))
            {
                Run(entry, cancellation);
            }
        }
    }

    /// <summary>Runs the queries over event tables once more, whatever their interval: called when the app exits so events
    /// of its last second still reach the logs before the agent exits with it. A query is skipped when none of its event
    /// tables has an event past its bookmark and its last run returned nothing: it would return nothing again, and the
    /// app's exit waits for this: <paramref name="cancellation"/> bounds it (the running query is interrupted, and those
    /// not yet run are skipped).</summary>
    public void RunEventQueries(CancellationToken cancellation = default)
    {
        List<Entry> readers;
        lock (gate)
        {
            readers = [.. entries.Values.Where(e => e.ReadsEvents)];
        }

        var lastEids = context.Events.Buffers.ToDictionary(b => b.Name, b => b.NextEid - 1, StringComparer.Ordinal);
        foreach (var entry in readers)
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            var unseen = entry.EventTables.Any(t => lastEids.TryGetValue(t, out var last) && last > entry.Bookmarks.Get(t));
            if ((unseen || entry.Stats.LastRows > 0) && IsRunnable(entry))
            {
                Run(entry, cancellation);
            }
        }
    }

    /// <summary>Runs one scheduled query now, by name (for <c>farquery packs run</c> and tests).</summary>
    public bool RunNow(string scheduledName)
    {
        Entry? entry;
        lock (gate)
        {
            entries.TryGetValue(scheduledName, out entry);
        }

        return entry is not null && IsRunnable(entry) && Run(entry);
    }

    /// <summary>The decorations of the last load and interval runs (not the <c>always</c> ones, which need a query): the
    /// task context for an alert raised outside a scheduled run (a denial at the tracer).</summary>
    public IReadOnlyDictionary<string, string?> CachedDecorations()
    {
        lock (gate)
        {
            var all = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (k, v) in loadDecorations)
            {
                all[k] = v;
            }

            foreach (var d in intervalDecorations.Values)
            {
                foreach (var (k, v) in d)
                {
                    all[k] = v;
                }
            }

            return all;
        }
    }

    /// <summary>Writes a status line to every sink (severity 0 info, 1 warning, 2 error).</summary>
    public void Status(int severity, string message, [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        var text = formatter.StatusLine(context.Time.GetUtcNow(), severity, Path.GetFileName(file), line, message, AgentInfo.OsqueryVersion, loadDecorations);
        foreach (var s in sinks)
        {
            s.Write(LogKind.Status, text);
        }
    }

    private bool IsRunnable(Entry entry)
    {
        var q = entry.Definition;
        if (entry.Unrunnable is not null)
        {
            return false;
        }

        if (entry.DeniedUntil is { } until)
        {
            if (context.Time.GetUtcNow() < until)
            {
                return false;
            }

            entry.DeniedUntil = null;
            entry.Stats.Denylisted = false;
        }

        if (!PlatformMatches(q.Platform) || !VersionMatches(q.Version) || !ShardMatches(q.Shard))
        {
            return false;
        }

        return PackActive(entry.Pack);
    }

    private bool StaticallyActive(PackDefinition p, out string why)
    {
        why = !PlatformMatches(p.Platform) ? $"platform '{p.Platform}' does not include linux"
            : !VersionMatches(p.Version) ? $"needs osquery {p.Version}"
            : !ShardMatches(p.Shard) ? $"shard {p.Shard} excludes this host"
            : "";
        return why.Length == 0;
    }

    private bool PackActive(PackEntry pack)
    {
        if (!StaticallyActive(pack.Definition, out _))
        {
            pack.Stats.Active = false;
            return false;
        }

        if (pack.Definition.Discovery.Count == 0)
        {
            pack.Stats.Active = true;
            return true;
        }

        var refresh = config.Flags.Seconds(FlagCatalog.PackRefreshInterval);
        var now = context.Time.GetUtcNow();
        if (pack.DiscoveredAt is { } at && now - at < refresh)
        {
            pack.Stats.DiscoveryCacheHits++;
            return pack.Stats.Active;
        }

        // All discovery queries must return a row; the first empty or failing one decides.
        var active = true;
        foreach (var sql in pack.Definition.Discovery)
        {
            pack.Stats.DiscoveryExecutions++;
            try
            {
                if (host.Query(sql, options.QueryTimeout, 1_000).Rows.Count == 0)
                {
                    active = false;
                    break;
                }
            }
            catch (SqlQueryException e)
            {
                Status(1, $"pack {pack.Definition.Name}: discovery query failed: {e.Message}");
                active = false;
                break;
            }
        }

        pack.DiscoveredAt = now;
        pack.Stats.Active = active;
        return active;
    }

    private static bool PlatformMatches(string platform)
    {
        if (platform.Length == 0)
        {
            return true;
        }

        var p = platform.ToLowerInvariant();
        return p.Contains("any", StringComparison.Ordinal) || p.Contains("all", StringComparison.Ordinal) || p.Contains("linux", StringComparison.Ordinal)
            || p.Contains("ubuntu", StringComparison.Ordinal) || p.Contains("centos", StringComparison.Ordinal) || p.Contains("posix", StringComparison.Ordinal);
    }

    private static bool VersionMatches(string version) =>
        version.Length == 0 || VersionCollation.Compare(AgentInfo.OsqueryVersion, version) >= 0;

    private bool ShardMatches(long shard)
    {
        if (shard <= 0)
        {
            return true;
        }

        var machineShard = BlockHash.HashData<Sha1Hash>(Encoding.UTF8.GetBytes(options.Hostname))[0] * 100 / 255;
        return shard >= machineShard;
    }

    private Dictionary<string, string> RunDecorators(IReadOnlyList<string> queries)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sql in queries)
        {
            try
            {
                var r = host.Query(sql, options.QueryTimeout, 1);
                if (r.Rows.Count > 0)
                {
                    for (var i = 0; i < r.Columns.Count; i++)
                    {
                        result[r.Columns[i]] = LogRow.Text(r.Rows[0][i]);
                    }
                }
            }
            catch (SqlQueryException e)
            {
                Status(1, $"decorator failed: {e.Message}");
            }
        }

        return result;
    }

    private Dictionary<string, string> Decorations()
    {
        if (config.Flags.Bool(FlagCatalog.DisableDecorators))
        {
            return [];
        }

        var all = new Dictionary<string, string>(loadDecorations, StringComparer.Ordinal);
        foreach (var d in intervalDecorations.Values)
        {
            foreach (var (k, v) in d)
            {
                all[k] = v;
            }
        }

        foreach (var (k, v) in RunDecorators(config.Decorators.Always))
        {
            all[k] = v;
        }

        return all;
    }

    /// <summary>Runs one entry; the tick thread, the exit drain and <see cref="RunNow"/> may all ask for the same entry
    /// at once, and its differential state and bookmarks take one run at a time.</summary>
    private bool Run(Entry entry, CancellationToken cancellation = default)
    {
        lock (entry.RunGate)
        {
            return RunOnce(entry, cancellation);
        }
    }

    private bool RunOnce(Entry entry, CancellationToken cancellation)
    {
        var q = entry.Definition;
        var delay = config.Flags.Int(FlagCatalog.TableDelay);
        if (delay > 0 && cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(delay)))
        {
            // --table_delay spreads a pack's load; an exit meanwhile skips the run.
            return false;
        }

        var watch = Stopwatch.StartNew();
        QueryResult result;
        try
        {
            result = host.Query(q.Sql, options.QueryTimeout, options.MaxRows, cancellation, entry.Bookmarks);
        }
        catch (SqlQueryException) when (cancellation.IsCancellationRequested)
        {
            // Stopped because the agent is exiting: not the query's fault, so no error and no deny-list.
            return false;
        }
        catch (SqlQueryException e)
        {
            entry.Stats.LastError = e.Message;
            entry.Stats.LastWallTimeMs = watch.ElapsedMilliseconds;
            if (q.Denylist)
            {
                entry.DeniedUntil = context.Time.GetUtcNow() + options.DenylistDuration;
                entry.Stats.Denylisted = true;
                Status(1, $"Scheduled query {q.ScheduledName} failed and is denylisted for {options.DenylistDuration.TotalHours:0.#} h: {e.Message}");
            }
            else
            {
                Status(1, $"Scheduled query {q.ScheduledName} failed: {e.Message}");
            }

            return false;
        }

        var now = context.Time.GetUtcNow();
        var rows = result.Rows.Select(r => new LogRow(result.Columns, r)).ToList();
        var epoch = config.Flags.Int(FlagCatalog.ScheduleEpoch);
        var decorations = Decorations();
        var lines = new List<(LogKind, string)>();
        if (q.Snapshot)
        {
            lines.Add((LogKind.Snapshot, formatter.SnapshotLine(new ResultHeader(q.ScheduledName, now, epoch, 0, decorations), rows)));
        }
        else
        {
            var eventBased = result.Tables.Any(eventTables.Contains);
            var (added, removed, counter, log) = entry.Differential.Update(rows, epoch, eventBased);
            if (!q.Removed)
            {
                removed = [];
            }

            if (log)
            {
                var header = new ResultHeader(q.ScheduledName, now, epoch, counter, decorations);
                if (config.Flags.Bool(FlagCatalog.LoggerEventType))
                {
                    lines.AddRange(formatter.EventLines(header, added, removed).Select(l => (LogKind.Result, l)));
                }
                else
                {
                    lines.Add((LogKind.Result, formatter.BatchLine(header, added, removed)));
                }
            }
        }

        foreach (var (kind, line) in lines)
        {
            foreach (var s in sinks)
            {
                s.Write(kind, line);
            }
        }

        var s2 = entry.Stats;
        s2.Executions++;
        s2.LastExecuted = now.ToUnixTimeSeconds();
        s2.LastRows = rows.Count;
        s2.OutputSize += rows.Sum(r => r.Size);
        s2.LastWallTimeMs = watch.ElapsedMilliseconds;
        s2.WallTimeMs += s2.LastWallTimeMs;
        s2.LastUserTime = (long)result.UserTime.TotalMilliseconds;
        s2.LastSystemTime = (long)result.SystemTime.TotalMilliseconds;
        s2.UserTime += s2.LastUserTime;
        s2.SystemTime += s2.LastSystemTime;
        s2.LastMemory = GC.GetTotalMemory(false);
        s2.AverageMemory = s2.Executions == 1 ? s2.LastMemory : ((s2.AverageMemory * (s2.Executions - 1)) + s2.LastMemory) / s2.Executions;
        s2.LastError = "";
        return true;
    }

    /// <summary>One scheduled query and its state.</summary>
    private sealed record Entry(QueryDefinition Definition, PackEntry Pack, ScheduledQueryStats Stats, Differential Differential, EventBookmarks Bookmarks, long Splayed)
    {
        public DateTimeOffset? DeniedUntil { get; set; }

        /// <summary>Held while the entry runs (a copy made by a config reload shares it with the original).</summary>
        public Lock RunGate { get; init; } = new();

        public string? Unrunnable { get; set; }

        /// <summary>The event tables the query reads (none: a query over live tables only).</summary>
        public string[] EventTables { get; set; } = [];

        public bool ReadsEvents => EventTables.Length > 0;
    }

    /// <summary>One pack and its discovery cache.</summary>
    private sealed class PackEntry(PackDefinition definition, PackStats stats)
    {
        public PackDefinition Definition { get; } = definition;

        public PackStats Stats { get; } = stats;

        public DateTimeOffset? DiscoveredAt { get; set; }
    }
}
