// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.TestSupport;

namespace FarQuery.Sql.Tests;

[Collection(nameof(StarvedPoolCollection))]
public sealed class SqlHostTests
{
    /// <summary>A table that records what reached it, so tests can see pushdown and errors from the table side.</summary>
    private sealed class ProbeTable(TableContext context) : Table(context)
    {
        public static readonly TableSchema Spec = new("probe", "test table", [
            new ColumnSchema("id", ColumnType.BigInt, ColumnOptions.Index, "id"),
            new ColumnSchema("name", ColumnType.Text, ColumnOptions.None, "name"),
            new ColumnSchema("ratio", ColumnType.Double, ColumnOptions.None, "ratio"),
            new ColumnSchema("secret", ColumnType.Text, ColumnOptions.Hidden, "hidden column"),
        ], aliases: ["probe_alias"]);

        public static readonly List<QueryContext> Seen = [];

        public override TableSchema Schema => Spec;

        public override IEnumerable<object?[]> Generate(QueryContext query)
        {
            lock (Seen)
            {
                Seen.Add(query);
            }

            var ids = query.IntegerEquals(0) ?? [1, 2, 3];
            foreach (var id in ids)
            {
                if (id == 13)
                {
                    throw new InvalidOperationException("unlucky id");
                }

                yield return [id, "n" + id, id / 2.0, "s" + id];
            }
        }
    }

    private sealed class RequiredTable(TableContext context) : Table(context)
    {
        public static readonly TableSchema Spec = new("needs", "required column", [
            new ColumnSchema("path", ColumnType.Text, ColumnOptions.Required | ColumnOptions.Index, "path"),
            new ColumnSchema("directory", ColumnType.Text, ColumnOptions.Required, "directory"),
            new ColumnSchema("size", ColumnType.BigInt, ColumnOptions.None, "size"),
        ]);

        public override TableSchema Schema => Spec;

        public override IEnumerable<object?[]> Generate(QueryContext query)
        {
            foreach (var p in query.TextEquals(0) ?? [])
            {
                yield return [p, "/", "42"];
            }
        }
    }

    /// <summary>Three rows and two indexed columns, each filtered by the table, as osquery's `file` filters by path and
    /// by directory.</summary>
    private sealed class TwoKeysTable(TableContext context) : Table(context)
    {
        public static readonly TableSchema Spec = new("two_keys", "two indexed columns", [
            new ColumnSchema("id", ColumnType.BigInt, ColumnOptions.Index, "id"),
            new ColumnSchema("tag", ColumnType.Text, ColumnOptions.Index, "tag"),
        ]);

        public override TableSchema Schema => Spec;

        public override IEnumerable<object?[]> Generate(QueryContext query)
        {
            var ids = query.IntegerEquals(0);
            var tags = query.TextEquals(1);
            foreach (var (id, tag) in ((long, string)[])[(1, "x"), (2, "y"), (3, "x")])
            {
                if ((ids is null || ids.Contains(id)) && (tags is null || tags.Contains(tag)))
                {
                    yield return [id, tag];
                }
            }
        }
    }

    [Theory]
    [InlineData("id = 2 or tag = 'x'", new long[] { 1, 2, 3 })]
    [InlineData("id = 1 or tag = 'x'", new long[] { 1, 3 })]
    [InlineData("tag = 'y' or id = 3 or id = 1", new long[] { 1, 2, 3 })]
    public void Query_OrAcrossTwoIndexedColumns_EachMatchingRowOnce(string where, long[] expected)
    {
        // SQLite answers these with one scan per term and drops the rows whose rowid an earlier term returned: a rowid
        // counted per scan lost row 1 of the second scan (it took it for row 2 of the first).
        using var host = new SqlHost([new TableRegistration(TwoKeysTable.Spec, c => new TwoKeysTable(c))], new TableContext());
        Assert.Contains("MULTI-INDEX OR", string.Join(" ", host.Query("explain query plan select id from two_keys where " + where).Rows.Select(r => r[^1])), StringComparison.Ordinal);
        Assert.Equal(expected, host.Query("select id from two_keys where " + where).Rows.Select(r => (long)r[0]!).Order());
    }

    /// <summary>An event table over a real buffer, as the tracer's tables are: it filters text equalities.</summary>
    private sealed class EventProbeTable(TableContext context) : Table(context)
    {
        public static readonly TableSchema Spec = new("probe_events", "event test table", [
            new ColumnSchema("syscall", ColumnType.Text, ColumnOptions.None, "syscall"),
            new ColumnSchema("operation", ColumnType.Text, ColumnOptions.None, "operation"),
            new ColumnSchema("time", ColumnType.BigInt, ColumnOptions.Additional, "time"),
            new ColumnSchema("eid", ColumnType.Text, ColumnOptions.Hidden, "eid"),
        ], isEventTable: true);

        public List<QueryContext> Seen { get; } = [];

        public EventBuffer Buffer { get; } = new(Spec, "probe");

        public override TableSchema Schema => Spec;

        public override bool FiltersTextEqualities => true;

        public override IEnumerable<object?[]> Generate(QueryContext query)
        {
            Seen.Add(query);
            return Buffer.Read(query);
        }
    }

    private static (SqlHost Host, EventProbeTable Table) NewEventHost()
    {
        EventProbeTable? table = null;
        var host = new SqlHost([new TableRegistration(EventProbeTable.Spec, c => table = new EventProbeTable(c))], new TableContext());
        host.Query("select count(*) from probe_events");
        foreach (var (syscall, operation) in ((string, string)[])[("open", "w"), ("openat", "x"), ("unlink", "x"), ("open", "y"), ("rename", "z")])
        {
            table!.Buffer.Add([syscall, operation, null, null]);
        }

        table!.Seen.Clear();
        return (host, table);
    }

    private static List<long> Eids(SqlHost host, string where) =>
        [.. host.Query("select eid from probe_events where " + where + " order by eid").Rows.Select(r => long.Parse((string)r[0]!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void Query_EventTableTextIn_ListReachesTheTableWholeAndTheRowsAreExact()
    {
        var (host, table) = NewEventHost();
        using (host)
        {
            Assert.Equal([1L, 2, 4], Eids(host, "syscall in ('open', 'openat')"));

            // The list reached the table whole, in one scan, so the buffer left the other rows out itself.
            var scan = Assert.Single(table.Seen);
            Assert.Equal(["open", "openat"], (scan.TextEquals(0) ?? []).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Query_EventTableTextInSubquery_OneScanAndTheRowsAreExact()
    {
        var (host, table) = NewEventHost();
        using (host)
        {
            Assert.Equal([1L, 4, 5], Eids(host, "syscall in (select 'open' union all select 'rename')"));
            Assert.Single(table.Seen);
        }
    }

    [Fact]
    public void Query_EventTableJoinedOnTextToACte_RowsAreExact()
    {
        var (host, _) = NewEventHost();
        using (host)
        {
            // Whichever side SQLite drives, the event table's filter only drops rows the join would drop.
            var rows = host.Query("with w(s) as (values ('open'), ('unlink'), ('none')) select p.eid from w join probe_events p on p.syscall = w.s order by 1").Rows;
            Assert.Equal([1L, 3, 4], rows.Select(r => long.Parse((string)r[0]!, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Query_EventTableTextInWithANumber_LeftToSqlitesAffinity()
    {
        var (host, _) = NewEventHost();
        using (host)
        {
            // The list holds a number: the buffer does not filter, and SQLite compares under the column's TEXT affinity.
            Assert.Equal([1L, 4], Eids(host, "syscall in ('open', 7)"));
        }
    }

    [Fact]
    public void Query_EventTableInAmongManyConstraints_RowsAreExact()
    {
        var (host, _) = NewEventHost();
        using (host)
        {
            // More constraints than sqlite3_vtab_in tracks (32): whether the list comes whole or SQLite filters, the
            // rows are the same.
            var padding = string.Join(" and ", Enumerable.Range(0, 32).Select(i => $"operation <> 'p{i}' and syscall = syscall"));
            Assert.Equal([1L, 2, 4], Eids(host, padding + " and syscall in ('open', 'openat') and operation in ('w', 'x', 'y')"));
            Assert.Equal([2L], Eids(host, padding + " and syscall in ('open', 'openat') and operation = 'x'"));
        }
    }

    [Fact]
    public void Query_EventTableEqualityUnderNocase_IsNotFilteredOrdinally()
    {
        var (host, table) = NewEventHost();
        using (host)
        {
            Assert.Equal([1L, 4], Eids(host, "syscall = 'OPEN' collate nocase"));
            Assert.All(table.Seen, q => Assert.Null(q.TextEquals(0)));
        }
    }

    [Fact]
    public void Query_EventTableOrOfTwoColumns_EachMatchingRowOnce()
    {
        var (host, _) = NewEventHost();
        using (host)
        {
            // SQLite may run one scan per term and drop rowids already returned: the eid is the rowid, so a row matching
            // both terms (eid 1) comes once and rows at the same place in two scans (eid 2 and 5) both come.
            Assert.Equal([1L, 2, 3, 5], Eids(host, "syscall = 'rename' or operation = 'x' or (syscall = 'open' and operation = 'w')"));
            Assert.Equal([1L, 4, 5], Eids(host, "syscall = 'open' or syscall = 'rename' or operation = 'w'"));
        }
    }

    private static SqlHost NewHost() => new(
        [new TableRegistration(ProbeTable.Spec, c => new ProbeTable(c)), new TableRegistration(RequiredTable.Spec, c => new RequiredTable(c))],
        new TableContext());

    [Fact]
    public void Query_SelectStar_ReturnsRowsWithoutHiddenColumns()
    {
        using var host = NewHost();
        var result = host.Query("select * from probe");
        Assert.Equal(["id", "name", "ratio"], result.Columns);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(2L, result.Rows[1][0]);
        Assert.Equal(1.0, result.Rows[1][2]);
    }

    [Fact]
    public void Query_CpuBoundStatement_ReportsItsOwnThreadsCpuTime()
    {
        using var host = NewHost();

        // Busy work on this thread while another thread burns CPU too: the query's CPU time is its own (at most its wall
        // time), not the process's.
        using var stop = new CancellationTokenSource();
        var burner = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        });
        burner.Start();
        var result = host.Query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c");
        stop.Cancel();
        burner.Join();

        Assert.Equal(3000000L, result.Rows[0][0]);
        Assert.True(result.UserTime > TimeSpan.Zero, "no user time measured");
        Assert.True(result.UserTime + result.SystemTime <= result.Elapsed + TimeSpan.FromMilliseconds(20), $"cpu {result.UserTime + result.SystemTime} > wall {result.Elapsed}");
    }

    [Fact]
    public void Query_HiddenColumnNamed_IsReturned()
    {
        using var host = NewHost();
        var result = host.Query("select secret from probe where id = 2");
        Assert.Equal("s2", Assert.Single(result.Rows)[0]);
    }

    [Fact]
    public void Query_EqualityOnIndexColumn_ReachesTable()
    {
        using var host = NewHost();
        lock (ProbeTable.Seen)
        {
            ProbeTable.Seen.Clear();
        }

        var result = host.Query("select name from probe where id = 7");
        Assert.Equal("n7", Assert.Single(result.Rows)[0]);
        lock (ProbeTable.Seen)
        {
            var c = Assert.Single(Assert.Single(ProbeTable.Seen).Constraints);
            Assert.Equal(ConstraintOp.Equals, c.Op);
            Assert.Equal(7L, c.Values[0]);
        }
    }

    [Fact]
    public void Query_InListOnIndexColumn_ReachesTableOncePerValue()
    {
        using var host = NewHost();
        var result = host.Query("select id from probe where id in (5, 9) order by id");
        Assert.Equal([5L, 9L], result.Rows.Select(r => (long)r[0]!));
    }

    [Fact]
    public void Query_AliasName_ReadsSameTable()
    {
        using var host = NewHost();
        Assert.Equal(3, host.Query("select * from probe_alias").Rows.Count);
    }

    [Fact]
    public void Query_TableThrows_ReturnsErrorWithMessage()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select * from probe where id = 13"));
        Assert.Contains("unlucky id", e.Message, StringComparison.Ordinal);

        // The connection still serves later queries.
        Assert.Equal(3, host.Query("select * from probe").Rows.Count);
    }

    [Fact]
    public void Query_RequiredColumnMissing_FailsWithOsqueryMessage()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select * from needs"));
        Assert.Contains("Table needs was queried without a required column in the WHERE clause", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_RequiredColumnGiven_CoercesToDeclaredType()
    {
        using var host = NewHost();
        var row = Assert.Single(host.Query("select path, size, typeof(size) from needs where path = '/etc/passwd'").Rows);
        Assert.Equal("/etc/passwd", row[0]);
        Assert.Equal(42L, row[1]);
        Assert.Equal("integer", row[2]);
    }

    [Fact]
    public void Query_RequiredColumnFromJoin_UsesJoinValue()
    {
        using var host = NewHost();
        var rows = host.Query("select n.path from (select 'a' as p union select 'b') j join needs n on n.path = j.p order by 1").Rows;
        Assert.Equal(["a", "b"], rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Query_InvalidSql_ThrowsSqliteMessage()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("selec 1"));
        Assert.Equal("near \"selec\": syntax error", e.Message);
    }

    [Theory]
    [InlineData("insert into probe values (1, 'a', 1.0, 's')")]
    [InlineData("delete from probe")]
    [InlineData("create table t(a)")]
    [InlineData("PRAGMA query_only = 0")]
    [InlineData("ATTACH '/tmp/farquery-attack.db' AS x")]
    [InlineData("VACUUM INTO '/tmp/farquery-attack.db'")]
    [InlineData("BEGIN")]
    [InlineData("create temp view v as select 1")]
    public void Query_Write_IsRefused(string sql)
    {
        using var host = NewHost();
        Assert.Throws<SqlQueryException>(() => host.Query(sql));
    }

    [Fact]
    public void Query_WriteRefused_CreatesNoFileAndHostStaysReadOnly()
    {
        using var host = NewHost();
        File.Delete("/tmp/farquery-attack.db");
        Assert.Throws<SqlQueryException>(() => host.Query("ATTACH '/tmp/farquery-attack.db' AS x"));
        Assert.False(File.Exists("/tmp/farquery-attack.db"));
        Assert.Throws<SqlQueryException>(() => host.Query("PRAGMA query_only = 0"));
        Assert.Throws<SqlQueryException>(() => host.Query("create table t(a)"));
        Assert.Single(host.Query("PRAGMA table_info(probe)").Rows, r => (string)r[1]! == "id");
    }

    [Theory]
    [InlineData("select 1")]
    [InlineData("  WITH x AS (select 1) select * from x")]
    [InlineData("values (1), (2)")]
    [InlineData("explain query plan select * from probe")]
    [InlineData("pragma query_only")]
    [InlineData("PRAGMA table_info(probe)")]
    [InlineData("pragma main.table_xinfo('probe')")]
    [InlineData("select * from pragma_table_info('probe')")]
    [InlineData("select value from json_each('[1, 2]')")]
    [InlineData("select 'attach; vacuum' as s -- ; begin")]
    [InlineData("select \"begin\" from (select 1 as \"begin\") /* ; attach 'x' as y */")]
    [InlineData("select 1;")]
    [InlineData("select count(*) from sqlite_master")]
    public void Query_Read_IsAllowed(string sql)
    {
        using var host = NewHost();
        Assert.NotNull(host.Query(sql));
    }

    [Theory]
    [InlineData("attach database '/tmp/farquery-attack.db' as x", "ATTACH and VACUUM are refused")]
    [InlineData("vacuum", "ATTACH and VACUUM are refused")]
    [InlineData("vacuum into '/tmp/farquery-attack.db'", "ATTACH and VACUUM are refused")]
    [InlineData("detach x", "DETACH is refused")]
    [InlineData("begin immediate", "BEGIN is refused")]
    [InlineData("savepoint a", "SAVEPOINT is refused")]
    [InlineData("pragma query_only = 0", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma query_only=false", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma query_only(0)", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma \"query_only\" = 0", "PRAGMA query_only with a value is refused")]
    [InlineData("pragma main.writable_schema = 1", "PRAGMA writable_schema with a value is refused")]
    [InlineData("create table t(a)", "CREATE TABLE t is refused")]
    [InlineData("create temp view v as select 1", "CREATE TEMP VIEW v is refused")]
    [InlineData("insert into probe values (1, 'a', 1.0, 's')", "INSERT into probe is refused")]
    [InlineData("analyze", "CREATE TABLE sqlite_stat1 is refused")]
    [InlineData("select 1; attach 'x' as y", "ATTACH and VACUUM are refused")]
    [InlineData("/* hi */ -- there\n attach 'x' as y", "ATTACH and VACUUM are refused")]
    [InlineData("select ';'; begin", "BEGIN is refused")]
    public void Query_OutsideTheAllowList_RefusedWithReason(string sql, string reason)
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query(sql));
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(SqlErrorKind.Sql, e.Kind);
        Assert.Equal(1L, host.Query("pragma query_only").Rows[0][0]);
    }

    [Fact]
    public void Check_RefusedStatement_ReturnsReason()
    {
        using var host = NewHost();
        Assert.StartsWith("ATTACH and VACUUM are refused", host.Check("attach 'x' as y"), StringComparison.Ordinal);
        Assert.Null(host.Check("select * from probe"));
    }

    [Fact]
    public void Dispose_OpenHost_SqliteDestroysEveryModule()
    {
        // Two tables and one alias: three module names, each with its own state that SQLite frees when it closes.
        var host = NewHost();
        Assert.Equal(0, host.LiveModules);
        host.Query("pragma module_list");
        Assert.Equal(3, host.LiveModules);
        Assert.Equal(3, host.Query("select * from probe_alias").Rows.Count);

        host.Dispose();

        Assert.Equal(0, host.LiveModules);
    }

    [Fact]
    public void Query_Timeout_StopsLongQuery()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query(
            "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c", TimeSpan.FromMilliseconds(200)));
        Assert.Contains("time limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ThreadPoolStarved_StillStopsAtItsTimeLimit()
    {
        // A query's limit must not wait for a pool thread: a starved pool held a 2 s limit to 5.5 s in CI.
        using var host = NewHost();
        using var starved = new StarvedThreadPool(TimeSpan.FromSeconds(30));
        var e = Assert.Throws<SqlQueryException>(() => host.Query(
            "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c", TimeSpan.FromMilliseconds(200)));
        Assert.Equal(SqlErrorKind.Timeout, e.Kind);
        Assert.False(starved.ReleasedBySafety, "the time limit waited for the starved pool");
    }

    [Fact]
    public void Query_MaxRows_StopsLargeResult()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select * from probe", maxRows: 2));
        Assert.Contains("limit of 2 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_VersionCollation_ComparesNumerically()
    {
        using var host = NewHost();
        Assert.Equal(1L, host.Query("select '1.10' > '1.9' collate version").Rows[0][0]);
    }

    [Theory]
    [InlineData("select split('a,b;;c', ',;', 2)", "c")]
    [InlineData("select split('a,b', ',', 5)", null)]
    [InlineData("select regex_match('eth0: 10.1.2.3/24', '([0-9.]+)/([0-9]+)', 2)", "24")]
    [InlineData("select regex_match('nothing', '[0-9]+', 0)", null)]
    [InlineData("select inet_aton('192.0.2.2')", 3221225986L)]
    [InlineData("select inet_aton('not an ip')", null)]
    public void Query_OsqueryFunctions_Work(string sql, object? expected)
    {
        using var host = NewHost();
        Assert.Equal(expected, host.Query(sql).Rows[0][0]);
    }

    [Theory]
    [InlineData("select split(NULL, ',', 0)")]
    [InlineData("select split('a,b', NULL, 0)")]
    [InlineData("select split('a,b', ',', NULL)")]
    [InlineData("select split(NULL, NULL, NULL)")]
    [InlineData("select regex_match(NULL, '[0-9]+', 0)")]
    [InlineData("select regex_match('a1', NULL, 0)")]
    [InlineData("select regex_match('a1', '[0-9]+', NULL)")]
    [InlineData("select regex_match(NULL, NULL, NULL)")]
    [InlineData("select inet_aton(NULL)")]
    public void Query_OsqueryFunctionWithNullArgument_ReturnsNull(string sql)
    {
        using var host = NewHost();
        Assert.Null(host.Query(sql).Rows[0][0]);
    }

    [Theory]
    [InlineData("select sleep(0)", 0L)]
    [InlineData("select sleep(-5)", 0L)]
    [InlineData("select sleep(NULL)", 0L)]
    [InlineData("select sleep('x')", 0L)]
    public void Query_SleepNothingToWait_ReturnsZeroAsOsquery(string sql, long expected)
    {
        using var host = NewHost();
        Assert.Equal(expected, host.Query(sql).Rows[0][0]);
    }

    [Fact]
    public void SleepPlan_LongRequest_CappedAtTheBound()
    {
        Assert.Equal((SqlHost.MaxSleep, (long)SqlHost.MaxSleep.TotalSeconds), SqlHost.SleepPlan(3600L, SqlHost.MaxSleep));
        Assert.Equal((TimeSpan.FromSeconds(2), 2L), SqlHost.SleepPlan(2.9, SqlHost.MaxSleep));
        Assert.Equal((TimeSpan.FromSeconds(3), 3L), SqlHost.SleepPlan("3", SqlHost.MaxSleep));
    }

    [Fact]
    public void Query_SleepPastTimeLimit_StopsAsTimeoutAndHostStaysUsable()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select sleep(3600)", TimeSpan.FromMilliseconds(200)));
        Assert.Equal(SqlErrorKind.Timeout, e.Kind);
        Assert.Equal(1L, host.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public void Query_NulInStatement_FailsAtOnceAndHostStaysUsable()
    {
        using var host = NewHost();
        var e = Assert.Throws<SqlQueryException>(() => host.Query("select 1\u0000", TimeSpan.FromSeconds(5)));
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
        Assert.NotNull(host.Check("select 1\u0000; select 2"));
        Assert.Equal(1L, host.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public void Dispose_WhileQueryRuns_InterruptsItAndLaterInterruptIsHarmless()
    {
        var host = NewHost();
        int seen;
        lock (ProbeTable.Seen)
        {
            seen = ProbeTable.Seen.Count;
        }

        // The probe table records its scan, so the statement is known to run before Dispose is called.
        var running = Task.Factory.StartNew(
            () => host.Query("select count(*) from probe, (with recursive c(x) as (select 1 union all select x + 1 from c) select x from c)"),
            TaskCreationOptions.LongRunning);
        while (true)
        {
            lock (ProbeTable.Seen)
            {
                if (ProbeTable.Seen.Count > seen)
                {
                    break;
                }
            }

            Thread.Sleep(10);
        }

        host.Dispose();
        var e = Assert.Throws<SqlQueryException>(() => running.GetAwaiter().GetResult());
        Assert.Contains("interrupt", e.Message, StringComparison.OrdinalIgnoreCase);
        host.Interrupt();
        Assert.Throws<ObjectDisposedException>(() => host.Query("select 1"));
    }

    [Fact]
    public void Query_CarveDefaultFlags_CarveFailedFunctionDisabledAsOsquery()
    {
        using var host = NewHost();
        Assert.Equal("Carve Failed: function disabled", host.Query("select carve('/etc/hosts')").Rows[0][0]);
    }

    [Fact]
    public void Query_CarveOverRows_OneRequestOfEveryNonNullPath()
    {
        var context = new TableContext();
        context.Services.Set(FarQuery.Core.Flags.FlagValues.Defaults.With(FarQuery.Core.Flags.FlagSource.CommandLine, new Dictionary<FarQuery.Core.Flags.Flag, string>
        {
            [FarQuery.Core.Flags.FlagCatalog.CarverDisableFunction] = "false",
            [FarQuery.Core.Flags.FlagCatalog.DisableCarver] = "false",
        }));
        using var host = new SqlHost([], context);

        var result = (string)host.Query("select carve(p) from (select '/a' as p union all select NULL union all select '/b')").Rows[0][0]!;

        // No backend in this process: the one request is listed and refused with the reason, and carve() says so.
        var entry = Assert.Single(FarQuery.Core.Carving.Carver.Of(context).Entries);
        Assert.Equal("/a,/b", entry.Path);
        Assert.StartsWith("Carve Failed: REFUSED: no carver endpoints", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_FunctionNamedOnlyInALaterStatement_IsRegisteredThen()
    {
        using var host = NewHost();
        Assert.Equal(1L, host.Query("select 1").Rows[0][0]);
        Assert.Equal("0cc175b9c0f1b6a831c399e269772661", host.Query("select \"MD5\"('a')").Rows[0][0]);
        Assert.Equal("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", host.Query("select Sha1('a')").Rows[0][0]);
        Assert.Contains("no such function: nosuch", Assert.Throws<SqlQueryException>(() => host.Query("select nosuch('a')")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_TableNamedOnlyInALaterStatement_IsRegisteredThen()
    {
        using var host = NewHost();
        Assert.Equal(1L, host.Query("select 1").Rows[0][0]);
        Assert.Equal(0, host.LiveModules);

        // Any case, quoted, as a table-valued function, through an alias: the first statement naming it can read it.
        Assert.Equal(3, host.Query("select * from \"PROBE\"").Rows.Count);
        Assert.Equal(1, host.LiveModules);
        Assert.Equal(3, host.Query("select id from probe_alias()").Rows.Count);
        Assert.Equal(2, host.LiveModules);
        Assert.Contains("no such table: nosuch", Assert.Throws<SqlQueryException>(() => host.Query("select * from nosuch")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ModuleList_ListsEveryTable()
    {
        using var host = NewHost();
        var modules = host.Query("select name from pragma_module_list").Rows.Select(r => (string)r[0]!).ToList();
        Assert.Contains("probe", modules);
        Assert.Contains("probe_alias", modules);
        Assert.Contains(RequiredTable.Spec.Name, modules);
    }

    [Fact]
    public void Check_EveryOsqueryFunction_IsKnownToTheFirstStatementNamingIt()
    {
        foreach (var name in SqlHost.FunctionNames)
        {
            using var host = NewHost();
            var message = host.Check($"select {name}('1', '2') from probe");
            Assert.True(message is null || !message.Contains("no such function", StringComparison.Ordinal), name + ": " + message);
        }
    }

    [Fact]
    public void Query_ScheduledStatementRunAgain_ReadsTheTableAgainAndKeepsItsTables()
    {
        using var host = NewHost();
        var bookmarks = new EventBookmarks();
        const string Sql = "select id, name from probe where id = 2";
        int SeenCount()
        {
            lock (ProbeTable.Seen)
            {
                return ProbeTable.Seen.Count;
            }
        }

        var first = host.Query(Sql, bookmarks: bookmarks);
        var seenAfterFirst = SeenCount();
        var second = host.Query(Sql, bookmarks: bookmarks);

        // A function registered in between makes SQLite prepare the kept statement again; the third run still works.
        Assert.Equal("0cc175b9c0f1b6a831c399e269772661", host.Query("select md5('a')").Rows[0][0]);
        var third = host.Query(Sql, bookmarks: bookmarks);

        foreach (var result in new[] { first, second, third })
        {
            Assert.Equal([2L, "n2"], Assert.Single(result.Rows));
            Assert.Contains("probe", result.Tables);
        }

        Assert.True(SeenCount() > seenAfterFirst);
    }

    [Fact]
    public void Query_ScheduledStatementFails_FailsAgainWithTheSameMessage()
    {
        using var host = NewHost();
        var bookmarks = new EventBookmarks();
        var first = Assert.Throws<SqlQueryException>(() => host.Query("select * from probe where id = 13", bookmarks: bookmarks));
        var second = Assert.Throws<SqlQueryException>(() => host.Query("select * from probe where id = 13", bookmarks: bookmarks));
        Assert.Contains("unlucky id", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
        Assert.Single(host.Query("select * from probe where id = 1", bookmarks: bookmarks).Rows);
    }

    [Fact]
    public void Check_KeptForTheSchedule_FirstScheduledRunIsNotPlannedAgain()
    {
        using var host = NewHost();
        const string Sql = "select id, name from probe where id = 2";
        Assert.Null(host.Check(Sql, out var tables, keep: true));
        Assert.Contains("probe", tables);
        var plansAtCheck = host.Plans;
        Assert.True(plansAtCheck > 0);

        var first = host.Query(Sql, bookmarks: new EventBookmarks());

        Assert.Equal(plansAtCheck, host.Plans);
        Assert.Equal(["id", "name"], first.Columns);
        Assert.Equal([2L, "n2"], Assert.Single(first.Rows));
        Assert.Contains("probe", first.Tables);
        Assert.Equal(1, host.KeptStatements);
    }

    [Fact]
    public void Check_KeptTextCheckedAgain_ReturnsItsTablesWithoutPlanning()
    {
        using var host = NewHost();
        const string Sql = "select id from probe_alias where id = 1";
        Assert.Null(host.Check(Sql, out _, keep: true));
        var plans = host.Plans;

        Assert.Null(host.Check(Sql, out var again, keep: true));

        Assert.Equal(plans, host.Plans);
        Assert.Contains("probe", again);
    }

    [Fact]
    public void Check_KeptButFailing_ReportsTheErrorAndKeepsNothing()
    {
        using var host = NewHost();

        var message = host.Check("select * from no_such_table_here", out var tables, keep: true);

        Assert.Equal("no such table: no_such_table_here", message);
        Assert.Empty(tables);
        Assert.Equal(0, host.KeptStatements);
    }

    [Fact]
    public void Check_WithoutKeep_KeepsNothing()
    {
        using var host = NewHost();

        Assert.Null(host.Check("select id from probe"));

        Assert.Equal(0, host.KeptStatements);
    }

    [Fact]
    public void Query_AdHocRunOfAKeptText_LeavesTheKeptStatement()
    {
        using var host = NewHost();
        const string Sql = "select id from probe where id = 3";
        Assert.Null(host.Check(Sql, out _, keep: true));

        Assert.Single(host.Query(Sql).Rows);

        Assert.Equal(1, host.KeptStatements);
    }

    [Theory]
    [InlineData("select name from PRAGMA_Module_List")]
    [InlineData("pragma TABLE_LIST")]
    public void Query_ListingPragmaInAnyCase_RegistersEveryTable(string sql)
    {
        using var host = NewHost();

        host.Query(sql);

        Assert.Equal(3, host.LiveModules);
    }

    [Fact]
    public void Query_FunctionList_ListsOsqueryFunctions()
    {
        using var host = NewHost();

        var names = host.Query("select name from pragma_function_list").Rows.Select(r => (string)r[0]!).ToList();

        Assert.Contains("sha256", names);
        Assert.Contains("community_id_v1", names);
    }
}

/// <summary>Tests that starve the process's thread pool run alone (xunit runs such a collection after the parallel ones).</summary>
[CollectionDefinition(nameof(StarvedPoolCollection), DisableParallelization = true)]
public sealed class StarvedPoolCollection;
