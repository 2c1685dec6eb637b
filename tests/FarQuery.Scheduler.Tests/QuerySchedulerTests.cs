// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Core;
using FarQuery.Scheduler.Config;
using FarQuery.TestSupport;
using FarQuery.Scheduler.Logging;
using FarQuery.Scheduler.Scheduling;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Scheduler.Tests;

public sealed class QuerySchedulerTests : IDisposable
{
    private static readonly TableSchema ItemsSpec = new("items", "mutable test rows", [
        new ColumnSchema("id", ColumnType.BigInt, ColumnOptions.None, "id"),
    ]);

    private static readonly TableSchema AlertsSpec = new("alerts_events", "test event table", [
        new ColumnSchema("what", ColumnType.Text, ColumnOptions.None, "what"),
        new ColumnSchema("time", ColumnType.BigInt, ColumnOptions.Additional, "time"),
        new ColumnSchema("eid", ColumnType.Text, ColumnOptions.Hidden, "eid"),
    ], isEventTable: true);

    private readonly List<long> items = [1, 2];
    private readonly TableContext context = new();
    private readonly SqlHost host;
    private readonly Sink sink = new();
    private readonly QueryScheduler scheduler;

    public QuerySchedulerTests()
    {
        host = new SqlHost(
            [.. TableRegistry.All, new TableRegistration(ItemsSpec, c => new ItemsTable(c, items)), new TableRegistration(AlertsSpec, c => new AlertsTable(c))],
            context);
        scheduler = new QueryScheduler(host, new LogFormatter("test-host"), [sink], new SchedulerOptions { QueryTimeout = TimeSpan.FromMilliseconds(300) });
    }

    public void Dispose()
    {
        scheduler.Dispose();
        host.Dispose();
    }

    private sealed class Sink : ILogSink
    {
        public List<(LogKind Kind, string Line)> Lines { get; } = [];

        public string Name => "memory";

        public long Dropped => 0;

        public void Write(LogKind kind, string line)
        {
            lock (Lines)
            {
                Lines.Add((kind, line));
            }
        }

        public void Flush(TimeSpan timeout)
        {
        }

        public void Dispose()
        {
        }

        public List<JsonElement> Results(string name) =>
            [.. Lines.Where(l => l.Kind != LogKind.Status).Select(l => JsonDocument.Parse(l.Line).RootElement).Where(e => e.GetProperty("name").GetString() == name)];
    }

    private sealed class ItemsTable(TableContext context, List<long> items) : Table(context)
    {
        public override TableSchema Schema => ItemsSpec;

        public override IEnumerable<object?[]> Generate(QueryContext query) => items.Select(i => new object?[] { i });
    }

    private sealed class AlertsTable(TableContext context) : Table(context)
    {
        public override TableSchema Schema => AlertsSpec;

        public override IEnumerable<object?[]> Generate(QueryContext query) => Context.Events.Buffer(AlertsSpec, "test").Read(query);
    }

    private void Apply(string json) => scheduler.Apply(ConfigParser.Parse(json, "test.conf", null));

    private void Emit(string what) => context.Events.Buffer(AlertsSpec, "test").Add([what, null, null]);

    [Fact]
    public void RunTick_IntervalDividesTick_RunsDifferentialAndLogsChanges()
    {
        Apply("""{"options": {"schedule_splay_percent": 0}, "schedule": {"items": {"query": "select id from items", "interval": 2}}}""");
        scheduler.RunTick(1);
        Assert.Empty(sink.Results("items"));
        scheduler.RunTick(2);
        var first = sink.Results("items");
        Assert.Equal(2, first.Count);
        Assert.All(first, e => Assert.Equal(0, e.GetProperty("counter").GetInt64()));

        items.Remove(1);
        items.Add(3);
        scheduler.RunTick(4);
        var second = sink.Results("items").Skip(2).ToList();
        Assert.Equal(["removed:1", "added:3"], second.Select(e => e.GetProperty("action").GetString() + ":" + e.GetProperty("columns").GetProperty("id").GetString()));
        Assert.All(second, e => Assert.Equal(1, e.GetProperty("counter").GetInt64()));

        scheduler.RunTick(6);
        Assert.Equal(4, sink.Results("items").Count);
    }

    [Fact]
    public void RunTick_Snapshot_LogsWholeSetEveryRun()
    {
        Apply("""{"schedule": {"snap": {"query": "select id from items", "interval": 1, "snapshot": true}}}""");
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        var lines = sink.Results("snap");
        Assert.Equal(2, lines.Count);
        Assert.All(lines, e => Assert.Equal(2, e.GetProperty("snapshot").GetArrayLength()));
        Assert.Equal("snapshot", lines[0].GetProperty("action").GetString());
    }

    [Fact]
    public void RunTick_EventTable_EachQuerySeesEachEventOnce()
    {
        Apply("""{"schedule": {"a": {"query": "select what from alerts_events", "interval": 1}, "b": {"query": "select what from alerts_events where what like 'x%'", "interval": 1}}}""");
        Emit("x1");
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        Emit("y2");
        Emit("x3");
        scheduler.RunTick(3);

        var a = sink.Results("a");
        Assert.Equal(["x1", "y2", "x3"], a.Select(e => e.GetProperty("columns").GetProperty("what").GetString()));
        Assert.All(a, e => Assert.Equal("added", e.GetProperty("action").GetString()));
        Assert.Equal([1L, 2L, 2L], a.Select(e => e.GetProperty("counter").GetInt64()));
        Assert.Equal(["x1", "x3"], sink.Results("b").Select(e => e.GetProperty("columns").GetProperty("what").GetString()));

        // Ad hoc queries still see everything buffered.
        Assert.Equal(3, host.Query("select * from alerts_events").Rows.Count);
    }

    [Fact]
    public void RunEventQueries_UnseenEvents_AreReportedBeforeTheirInterval()
    {
        Apply("""{"schedule": {"a": {"query": "select what from alerts_events", "interval": 3600}}}""");
        Emit("x1");
        scheduler.RunEventQueries();
        Assert.Equal(["x1"], sink.Results("a").Select(e => e.GetProperty("columns").GetProperty("what").GetString()));
    }

    [Fact]
    public void RunEventQueries_NothingUnseenAndNoRowsLastTime_SkipsTheQuery()
    {
        Apply("""{"schedule": {"a": {"query": "select what from alerts_events", "interval": 1}, "live": {"query": "select id from items", "interval": 1}}}""");
        Emit("x1");
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        var state = context.Services.Get<ScheduleState>()!;
        var runs = state.Queries.Single(q => q.Name == "a").Executions;

        // Tick 2 returned nothing and no event arrived since: the final run would return nothing again.
        scheduler.RunEventQueries();
        Assert.Equal(runs, state.Queries.Single(q => q.Name == "a").Executions);

        // A new event makes it run; a query over live tables only is never part of the final run.
        Emit("x2");
        scheduler.RunEventQueries();
        Assert.Equal(runs + 1, state.Queries.Single(q => q.Name == "a").Executions);
        Assert.Equal(["x1", "x2"], sink.Results("a").Select(e => e.GetProperty("columns").GetProperty("what").GetString()));
        Assert.Equal(2, state.Queries.Single(q => q.Name == "live").Executions);
    }

    [Fact]
    public void RunTick_FailingQuery_IsDenylistedAndStopsRunning()
    {
        Apply("""{"schedule": {"bad": {"query": "select abs(-9223372036854775808) from items", "interval": 1}, "kept": {"query": "select abs(-9223372036854775808) from items", "interval": 1, "denylist": false}}}""");
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        var state = context.Services.Get<ScheduleState>()!;
        var bad = state.Queries.Single(q => q.Name == "bad");
        Assert.True(bad.Denylisted);
        Assert.Contains("integer overflow", bad.LastError, StringComparison.Ordinal);
        Assert.Equal(1, sink.Lines.Count(l => l.Kind == LogKind.Status && l.Line.Contains("bad failed and is denylisted", StringComparison.Ordinal)));
        Assert.False(state.Queries.Single(q => q.Name == "kept").Denylisted);
        Assert.Equal(2, sink.Lines.Count(l => l.Kind == LogKind.Status && l.Line.Contains("kept failed", StringComparison.Ordinal)));
        Assert.Equal(1L, host.Query("select denylisted from osquery_schedule where name = 'bad'").Rows[0][0]);
    }

    [Fact]
    public void RunTick_QueryPastTimeBudget_IsDenylisted()
    {
        Apply("""{"schedule": {"slow": {"query": "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c", "interval": 1}}}""");
        scheduler.RunTick(1);
        var slow = context.Services.Get<ScheduleState>()!.Queries.Single();
        Assert.True(slow.Denylisted);
        Assert.Contains("time limit", slow.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTick_Discovery_GatesPack()
    {
        Apply("""
            {"packs": {
              "on": {"discovery": ["select 1 from items where id = 2"], "queries": {"q": {"query": "select id from items", "interval": 1}}},
              "off": {"discovery": ["select 1 from items where id = 99"], "queries": {"q": {"query": "select id from items", "interval": 1}}}
            }}
            """);
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        Assert.NotEmpty(sink.Results("pack_on_q"));
        Assert.Empty(sink.Results("pack_off_q"));
        var packs = host.Query("select name, active, discovery_executions, discovery_cache_hits from osquery_packs order by name").Rows;
        Assert.Equal(["off", 0L, 1L, 1L], packs[0]);
        Assert.Equal(["on", 1L, 1L, 1L], packs[1]);
    }

    [Fact]
    public void RunTick_OtherPlatformOrNewerVersion_Skipped()
    {
        Apply("""{"schedule": {"mac": {"query": "select 1", "interval": 1, "platform": "darwin"}, "future": {"query": "select 1", "interval": 1, "version": "99.0.0"}, "posix": {"query": "select 1 as one", "interval": 1, "platform": "posix"}}}""");
        scheduler.RunTick(1);
        Assert.Empty(sink.Results("mac"));
        Assert.Empty(sink.Results("future"));
        Assert.Single(sink.Results("posix"));
    }

    [Fact]
    public void RunTick_Decorators_AttachedToResults()
    {
        Apply("""{"decorators": {"load": ["select 'task-1' as task_arn"], "always": ["select count(*) as n_items from items"]}, "schedule": {"q": {"query": "select 1 as one", "interval": 1}}}""");
        scheduler.RunTick(1);
        var d = Assert.Single(sink.Results("q")).GetProperty("decorations");
        Assert.Equal("task-1", d.GetProperty("task_arn").GetString());
        Assert.Equal("2", d.GetProperty("n_items").GetString());
    }

    [Fact]
    public void Apply_Reload_KeepsDifferentialState()
    {
        Apply("""{"schedule": {"items": {"query": "select id from items", "interval": 1}}}""");
        scheduler.RunTick(1);
        Apply("""{"schedule": {"items": {"query": "select id from items", "interval": 1}}}""");
        scheduler.RunTick(2);
        Assert.Equal(2, sink.Results("items").Count);
    }

    [Fact]
    public void Start_Ticking_RunsOneSecondQueryRepeatedly()
    {
        Apply("""{"schedule": {"tick": {"query": "select what from alerts_events", "interval": 1}}}""");
        scheduler.Start();
        Emit("live");
        Eventually.True(() => Snapshot().Count > 0, "the tick's first run", 10);
        Assert.Equal("live", Assert.Single(sink.Results("tick")).GetProperty("columns").GetProperty("what").GetString());
    }

    [Fact]
    public void Start_EventArrivesLongBeforeTheInterval_EventQueryRunsOnTheEvent()
    {
        // An hour's interval: only the wake by the event buffer can run it while the test waits.
        Apply("""{"options": {"schedule_splay_percent": 0}, "schedule": {"tick": {"query": "select what from alerts_events", "interval": 3600}}}""");
        scheduler.Start();
        Emit("woken");
        Eventually.True(() => Snapshot().Count > 0, "a run woken by the event", 20);
        Emit("again");
        Eventually.True(() => Snapshot().Count > 1, "a second run woken by the next event", 20);
        Assert.Equal(["woken", "again"], Snapshot().Select(e => e.GetProperty("columns").GetProperty("what").GetString()));
    }

    [Fact]
    public void RunNewEvents_OnlyQueriesWithUnreadEventsRun()
    {
        Apply("""{"schedule": {"events": {"query": "select what from alerts_events", "interval": 3600}, "items": {"query": "select id from items", "interval": 3600}}}""");
        Emit("one");
        scheduler.RunNewEvents();
        scheduler.RunNewEvents();
        Assert.Single(sink.Results("events"));
        Assert.Empty(sink.Results("items"));
    }

    [Fact]
    public void RunEventQueries_WhileTheTickThreadRuns_EveryEventReportedExactlyOnce()
    {
        // The agent's drain runs the event queries from another thread while ticks may still run them: each event must
        // come out once, neither lost nor doubled by two runs over one bookmark.
        Apply("""{"schedule": {"tick": {"query": "select what from alerts_events", "interval": 1}}}""");
        scheduler.Start();
        const int Events = 300;
        var drains = new Thread(() =>
        {
            for (var i = 0; i < Events; i++)
            {
                Emit("e" + i);
                if (i % 3 == 0)
                {
                    scheduler.RunEventQueries();
                }
            }
        });
        drains.Start();
        Assert.True(drains.Join(TimeSpan.FromSeconds(60)));
        Assert.True(scheduler.Stop(TimeSpan.FromSeconds(10)));
        scheduler.RunEventQueries();
        var seen = Snapshot().Select(e => e.GetProperty("columns").GetProperty("what").GetString()).ToList();
        Assert.Equal(Events, seen.Count);
        Assert.Equal(Enumerable.Range(0, Events).Select(i => "e" + i).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    private List<JsonElement> Snapshot()
    {
        lock (sink.Lines)
        {
            return sink.Results("tick");
        }
    }

    [Fact]
    public void Apply_QueryOverMissingTable_ReportedOnceAndSkipped()
    {
        Apply("""{"schedule": {"chrome": {"query": "select * from no_such_table_here", "interval": 1}}}""");
        scheduler.RunTick(1);
        scheduler.RunTick(2);
        Assert.Empty(sink.Results("chrome"));
        Assert.Equal(1, sink.Lines.Count(l => l.Line.Contains("chrome cannot run and is skipped: no such table: no_such_table_here", StringComparison.Ordinal)));
        Assert.Equal(0, context.Services.Get<ScheduleState>()!.Queries.Single().Executions);
    }

    [Fact]
    public void EventWindow_EventsKeepComing_DoublesTheDelayUpToItsCap()
    {
        var delay = TimeSpan.FromMilliseconds(15);
        var windows = Enumerable.Range(0, 6).Select(busy => QueryScheduler.EventWindow(delay, TimeSpan.FromMilliseconds(1), busy).TotalMilliseconds);
        Assert.Equal([15.0, 30, 60, 120, 120, 120], windows);
    }

    [Fact]
    public void EventWindow_RunLongerThanHalfTheWindow_WaitsTwiceTheRun()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(80), QueryScheduler.EventWindow(TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(40), 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), QueryScheduler.EventWindow(TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(200), 3));
    }
}
