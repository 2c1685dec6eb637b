// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using FarQuery.Admin.Protocol;
using FarQuery.Admin.Tests.Support;
using FarQuery.Core;
using FarQuery.Core.Memory;
using FarQuery.Sql;

namespace FarQuery.Admin.Tests;

public sealed class AdminServerTests
{
    private const string Forever = "with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c";

    [Fact]
    public async Task Query_ProcessesOfThisProcess_ReturnsItsRow()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        var result = client.Query($"select pid, name from processes where pid = {Environment.ProcessId}");

        Assert.Equal(["pid", "name"], result.Columns);
        var row = Assert.Single(result.Rows);
        Assert.Equal((long)Environment.ProcessId, row[0]);
        Assert.IsType<string>(row[1]);
    }

    [Fact]
    public async Task Query_EveryValueType_SameAsInProcess()
    {
        const string sql = "select 1 as i, 1.0 as r, 2.5 as f, null as n, 'x' as t, x'00ff' as b, 9223372036854775807 as big, 1e999 as inf, -1e999 as ninf, 1e300 as huge, '' as empty";
        await using var server = TestServer.Start();
        using var client = server.Client();
        using var local = TestServer.NewHost(new TableContext());

        var remote = client.Query(sql);
        var expected = local.Query(sql);

        Assert.Equal(expected.Columns, remote.Columns);
        var want = Assert.Single(expected.Rows);
        var got = Assert.Single(remote.Rows);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.Equal(want[i]?.GetType(), got[i]?.GetType());
            Assert.Equal(want[i], got[i]);
        }
    }

    [Fact]
    public async Task Start_SocketFile_IsMode0600AndNoStagingLeft()
    {
        await using var server = TestServer.Start();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.SocketPath));
        Assert.Equal([server.SocketPath], Directory.GetFileSystemEntries(server.Directory));
    }

    [Fact]
    public async Task Start_AnotherServerListening_RefusesWithClearError()
    {
        await using var server = TestServer.Start();

        var e = Assert.Throws<AdminServerException>(() => AdminServer.Start(() => TestServer.NewHost(server.Context), new AdminServerOptions { SocketPath = server.SocketPath, Workers = 1 }));

        Assert.Contains("already listening", e.Message, StringComparison.Ordinal);
        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public async Task Start_StaleSocketOfDeadAgent_IsReplaced()
    {
        var directory = TempDirectory.Create();
        var path = Path.Join(directory, "admin.sock");

        // Bound but not listening: connect(2) gets ECONNREFUSED, as with the file a killed agent leaves behind.
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));

        await using var server = AdminServer.Start(() => TestServer.NewHost(new TableContext()), new AdminServerOptions { SocketPath = path, Workers = 1 });
        using var client = AdminClient.Connect(path);
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
        await server.DisposeAsync();
        TempDirectory.Delete(directory);
    }

    [Fact]
    public async Task Dispose_RemovesSocketFile()
    {
        var server = TestServer.Start();
        var path = server.SocketPath;
        Assert.True(File.Exists(path));

        await server.DisposeAsync();

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Start_HostFactoryWithDifferentContexts_Refused()
    {
        var directory = TempDirectory.Create();
        var e = Assert.Throws<ArgumentException>(() => AdminServer.Start(() => TestServer.NewHost(new TableContext()), new AdminServerOptions { SocketPath = Path.Join(directory, "s"), Workers = 2 }));
        Assert.Contains("same TableContext", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
        TempDirectory.Delete(directory);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Query_TwentyConcurrentClients_EachGetsItsOwnAnswer()
    {
        await using var server = TestServer.Start();
        var pid = Environment.ProcessId;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            using var client = server.Client();
            var got = new List<(long, long)>();
            for (var q = 0; q < 5; q++)
            {
                var r = client.Query($"select {i * 100 + q} as n, count(*) as c from processes where pid = {pid}");
                got.Add(((long)r.Rows[0][0]!, (long)r.Rows[0][1]!));
            }

            return (i, got);
        })));

        foreach (var (i, got) in answers)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(q => ((long)(i * 100 + q), 1L)), got);
        }

        Assert.Equal(100, server.Server.Statistics.Queries);
    }

    [Fact]
    public async Task Query_RunsForever_StoppedAtLimitWhileOthersAreServed()
    {
        await using var server = TestServer.Start(o => o.Workers = 2);
        using var slow = server.Client();
        var forever = Task.Run(() => Assert.Throws<SqlQueryException>(() => slow.Query(Forever, TimeSpan.FromSeconds(3))));

        // Others keep getting answers while the endless query holds a worker.
        var servedMeanwhile = 0;
        using (var other = server.Client())
        {
            while (!forever.IsCompleted)
            {
                Assert.Equal(42L, other.Query("select 42").Rows[0][0]);
                servedMeanwhile++;
            }
        }

        var e = await forever;
        Assert.Equal("query stopped: it ran past the time limit of 3 s", e.Message);
        Assert.Equal(SqlErrorKind.Timeout, e.Kind);
        Assert.True(servedMeanwhile > 0);
        Assert.Equal(1, server.Server.Statistics.Timeouts);
        using var after = server.Client();
        Assert.Equal(1L, after.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public async Task Query_DefaultLimit_AppliesWhenClientAsksNone()
    {
        await using var server = TestServer.Start(o => o.QueryTimeout = TimeSpan.FromSeconds(1));
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query(Forever));

        Assert.Equal("query stopped: it ran past the time limit of 1 s", e.Message);
    }

    [Fact]
    public async Task Query_AllWorkersBusyPastLimit_AnsweredBusyWithinItsLimit()
    {
        await using var server = TestServer.Start(o => o.Workers = 1);
        using var slow = server.Client();
        var forever = Task.Run(() => Assert.Throws<SqlQueryException>(() => slow.Query(Forever, TimeSpan.FromSeconds(4))));
        await server.WaitForAsync(s => s.WorkersBusy == 1);

        using var waiting = server.Client();
        var e = Assert.Throws<SqlQueryException>(() => waiting.Query("select 1", TimeSpan.FromMilliseconds(500)));

        Assert.Contains("no query worker became free within the time limit", e.Message, StringComparison.Ordinal);
        await forever;
    }

    [Fact]
    public async Task Query_RowLimit_StopsWithClearError()
    {
        await using var server = TestServer.Start(o => o.MaxRows = 10);
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query("with recursive c(x) as (select 1 union all select x+1 from c limit 11) select x from c"));

        Assert.Equal("the result exceeds the limit of 10 rows", e.Message);
        Assert.Equal(10, client.Query("with recursive c(x) as (select 1 union all select x+1 from c limit 10) select x from c").Rows.Count);
    }

    [Fact]
    public async Task Query_ByteLimit_ReplacesResultWithError()
    {
        await using var server = TestServer.Start(o => o.MaxResponseBytes = 10_000);
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query("select zeroblob(20000)"));

        Assert.Contains("exceeds the limit of 10000 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }

    [Theory]
    [InlineData("create table t(x)", "CREATE TABLE t is refused")]
    [InlineData("create temp table t(x)", "CREATE TEMP TABLE t is refused")]
    [InlineData("insert into processes(pid) values (1)", "INSERT into processes is refused")]
    [InlineData("delete from processes", "table processes may not be modified")]
    [InlineData("drop table processes", "DROP TABLE processes is refused")]
    [InlineData("pragma query_only = 0", "PRAGMA query_only with a value is refused")]
    [InlineData("select 1; pragma query_only(0)", "PRAGMA query_only with a value is refused")]
    [InlineData("begin", "BEGIN is refused")]
    [InlineData("vacuum", "ATTACH and VACUUM are refused")]
    public async Task Query_WriteOrStateChange_Refused(string sql, string message)
    {
        await using var server = TestServer.Start(o => o.Workers = 1);
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query(sql));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(1L, client.Query("pragma query_only").Rows[0][0]);
    }

    [Fact]
    public async Task Query_AttachOrVacuumInto_RefusedAndNoFileCreated()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();
        var target = Path.Join(server.Directory, "created.db");

        Assert.Contains("ATTACH and VACUUM are refused", Assert.Throws<SqlQueryException>(() => client.Query($"attach database '{target}' as x")).Message, StringComparison.Ordinal);
        Assert.Contains("ATTACH and VACUUM are refused", Assert.Throws<SqlQueryException>(() => client.Query($"/* c */ vacuum into '{target}'")).Message, StringComparison.Ordinal);

        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Query_SyntaxError_SqliteMessage()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query("selec 1"));

        Assert.Equal("near \"selec\": syntax error", e.Message);
    }

    [Fact]
    public async Task Garbage_HttpRequest_AnsweredBadRequestAndClosed_OthersServed()
    {
        await using var server = TestServer.Start();
        using (var raw = server.Raw())
        {
            raw.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

            var response = Wire.Receive(raw);
            Assert.Equal(ErrorCodes.BadRequest, response?.Code);
            Assert.Contains("frame length", response!.Error, StringComparison.Ordinal);
            Assert.True(Wire.Closed(raw));
        }

        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
        Assert.Equal(1, server.Server.Statistics.BadFrames);
    }

    [Fact]
    public async Task OversizedLengthPrefix_RefusedWithoutReadingPayload()
    {
        await using var server = TestServer.Start(o => o.MaxRequestBytes = 1024);
        using (var raw = server.Raw())
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, 1025);
            raw.Send(header);

            var response = Wire.Receive(raw);
            Assert.Equal(ErrorCodes.BadRequest, response?.Code);
            Assert.Contains("outside 1..1024 bytes", response!.Error, StringComparison.Ordinal);
            Assert.True(Wire.Closed(raw));
        }

        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\": 5, \"type\": \"drop everything\"}")]
    [InlineData("{\"id\": 6, \"type\": \"query\"}")]
    [InlineData("{\"id\": \"seven\", \"type\": \"query\", \"sql\": \"select 1\"}")]
    public async Task MalformedRequest_AnsweredBadRequest_ConnectionStillUsable(string json)
    {
        await using var server = TestServer.Start();
        using var raw = server.Raw();

        Wire.SendFrame(raw, json);
        var bad = Wire.Receive(raw);
        Wire.SendFrame(raw, "{\"id\": 9, \"type\": \"query\", \"sql\": \"select 3 as three\"}");
        var good = Wire.Receive(raw);

        Assert.Equal(ErrorCodes.BadRequest, bad?.Code);
        Assert.False(string.IsNullOrEmpty(bad!.Error));
        Assert.Equal(9, good?.Id);
        Assert.Null(good!.Error);
        Assert.Equal(3L, Assert.Single(good.Rows!)[0]);
    }

    [Fact]
    public async Task EarlyDisconnects_BeforeAndInsideFrames_ServerKeepsServing()
    {
        await using var server = TestServer.Start();
        server.Raw().Dispose();
        using (var half = server.Raw())
        {
            half.Send(new byte[] { 0, 0 });
        }

        using (var partial = server.Raw())
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, 100);
            partial.Send(header);
            partial.Send(Encoding.UTF8.GetBytes("{\"id\":"));
        }

        // All three connections accepted and all three gone: "no client active" alone also holds before the accepts.
        await server.WaitForAsync(s => s.Connections >= 3 && s.ClientsActive == 0);
        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public async Task Disconnect_MidQuery_QueryInterruptedAndWorkerFreed()
    {
        // One worker and a query with a long limit: only an interrupted query frees the worker for the next client.
        await using var server = TestServer.Start(o => o.Workers = 1);
        using (var raw = server.Raw())
        {
            Wire.SendFrame(raw, $"{{\"id\": 1, \"type\": \"query\", \"sql\": \"{Forever}\", \"timeout_ms\": 60000}}");
            await server.WaitForAsync(s => s.WorkersBusy == 1);
        }

        await server.WaitForAsync(s => s.Abandoned == 1);
        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1", TimeSpan.FromSeconds(30)).Rows[0][0]);
        Assert.Equal(0, server.Server.Statistics.Timeouts);
    }

    [Fact]
    public async Task SlowClient_NotReadingLargeResult_DroppedWhileOthersServed()
    {
        await using var server = TestServer.Start(o =>
        {
            o.WriteTimeout = TimeSpan.FromSeconds(1);
            o.MaxResponseBytes = 64 << 20;
        });
        using var stuck = server.Raw();
        stuck.ReceiveBufferSize = 4096;

        // About 11 MB of base64, far beyond what the socket buffers hold, and the client never reads it.
        Wire.SendFrame(stuck, "{\"id\": 1, \"type\": \"query\", \"sql\": \"select zeroblob(8000000)\"}");
        using (var other = server.Client())
        {
            Assert.Equal(7L, other.Query("select 7").Rows[0][0]);
        }

        await server.WaitForAsync(s => s.DroppedClients == 1);
        using var after = server.Client();
        Assert.Equal(8L, after.Query("select 8").Rows[0][0]);
    }

    [Fact]
    public async Task EventTable_EveryWorkerSeesTheSharedBuffer()
    {
        await using var server = TestServer.Start(o => o.Workers = 4);
        var buffer = ProbeEventsTable.Buffer(server.Context);
        for (var i = 0; i < 25; i++)
        {
            buffer.Add([null, null, (long)i]);
        }

        var counts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            using var client = server.Client();
            return client.Query("select count(*), sum(value) from probe_events").Rows[0];
        })));

        Assert.All(counts, row => Assert.Equal(new object?[] { 25L, 300L }, row));
    }

    [Fact]
    public async Task Status_ReportsAgentEventsPublishersAndRegisteredSources()
    {
        await using var server = TestServer.Start();
        var buffer = ProbeEventsTable.Buffer(server.Context);
        buffer.Capacity = 3;
        for (var i = 0; i < 5; i++)
        {
            buffer.Add([null, null, (long)i]);
        }

        server.Context.Events.SetPublisher(new PublisherStatus("probe", true, "watching", Dropped: 4));
        StatusSources.Of(server.Context).Add("tracer", () => [new("traced_processes", 3L), new("attached", true), new("last_error", null)]);
        StatusSources.Of(server.Context).Add("broken", () => throw new InvalidOperationException("source failed"));
        using var client = server.Client();
        client.Query("select 1");

        var status = client.Status();

        Assert.Equal(server.Context.Agent.Version, status.Version);
        Assert.Equal(Environment.ProcessId, status.Pid);
        Assert.Equal(PeerCredentials.EffectiveUid, status.Uid);
        Assert.Equal(server.SocketPath, status.Socket);
        Assert.True(status.UptimeSeconds >= 0);
        Assert.Equal(1, status.Admin.Queries);
        Assert.Equal(1, status.Admin.ClientsActive);
        var events = Assert.Single(status.EventTables);
        Assert.Equal(("probe_events", "probe", 5L, 2L, 3L, 3L), (events.Name, events.Publisher, events.Added, events.Dropped, events.Count, events.Capacity));
        var publisher = Assert.Single(status.Publishers);
        Assert.Equal(("probe", true, "watching", 4L), (publisher.Name, publisher.Active, publisher.Message, publisher.Dropped));
        // Every SQL host registers the memory budget's section first.
        Assert.Equal(["memory", "tracer", "broken"], status.Sections.Select(s => s.Name));
        Assert.Contains(status.Sections[0].Values, v => v.Key == "budget_bytes" && Convert.ToInt64(v.Value, System.Globalization.CultureInfo.InvariantCulture) == server.Context.Budget.Bytes);
        Assert.Equal([new("traced_processes", 3L), new("attached", true), new("last_error", null)], status.Sections[1].Values);
        Assert.Equal([new KeyValuePair<string, object?>("error", "source failed")], status.Sections[2].Values);
    }

    [Fact]
    public async Task Tables_ListsEveryTableWithColumns()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        var tables = client.Tables();

        var processes = Assert.Single(tables, t => t.Name == "processes");
        Assert.Contains(processes.Columns, c => c.Name == "pid" && c.Type == "BIGINT");
        var probe = Assert.Single(tables, t => t.Name == "probe_events");
        Assert.True(probe.Event);
        Assert.Equal((int)ColumnOptions.Hidden, probe.Columns.Single(c => c.Name == "eid").Options);
    }

    [Fact]
    public async Task Connect_AsRootOrAgentUid_Accepted()
    {
        // The test runs as root in CI (and the agent's uid is ours): either rule admits this client.
        await using var server = TestServer.Start();
        using var client = server.Client();

        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
        Assert.Equal(0, server.Server.Statistics.Refused);
    }

    [Fact]
    public async Task TooManyClients_IdleOneGivesWay_NewcomerServed()
    {
        await using var server = TestServer.Start(o => o.MaxClients = 2);
        using var a = server.Client();
        using var b = server.Client();

        // Each handler marks its client idle again after sending the answer, so the client can be faster than that mark,
        // and the order of the two marks is what the test is about. Connected, both are idle; a request makes its client
        // busy before it is answered, so two idle clients after an answer means that client's mark is made.
        a.Query("select 1");
        await server.WaitForAsync(s => s.ClientsIdle == 2);
        b.Query("select 1");
        await server.WaitForAsync(s => s.ClientsIdle == 2);
        using var c = server.Client();

        Assert.Equal(3L, c.Query("select 3").Rows[0][0]);

        // a waited longest for its next request: its slot went to c.
        var gone = Assert.Throws<AdminClientException>(() => a.Query("select 1"));
        Assert.Matches("lost the connection|empty response|invalid response", gone.Message);
        Assert.Equal(2L, b.Query("select 2").Rows[0][0]);
        Assert.Equal((1L, 0L), (server.Server.Statistics.Evicted, server.Server.Statistics.RefusedBusy));
    }

    [Fact]
    public async Task TooManyClients_AllRunningQueries_NewcomerToldBusy()
    {
        await using var server = TestServer.Start(o => (o.MaxClients, o.Workers) = (2, 2));
        using var a = server.Client();
        using var b = server.Client();
        var running = new[] { a, b }.Select(x => Task.Run(() => Assert.Throws<SqlQueryException>(() => x.Query(Forever, TimeSpan.FromSeconds(3))))).ToArray();
        await server.WaitForAsync(s => s.WorkersBusy == 2);
        using var c = server.Client();

        var e = Assert.Throws<AdminClientException>(() => c.Query("select 1"));

        Assert.Contains("already runs queries for 2 admin clients", e.Message, StringComparison.Ordinal);
        await Task.WhenAll(running);
        Assert.Equal(1, server.Server.Statistics.RefusedBusy);
    }

    [Fact]
    public async Task SilentClient_NoFirstRequestInTime_Dropped()
    {
        await using var server = TestServer.Start(o => o.FirstRequestTimeout = TimeSpan.FromMilliseconds(300));
        using var silent = server.Raw();

        await server.WaitForAsync(s => s.DroppedClients == 1);

        Assert.Equal(0, silent.Receive(new byte[16]));
        using var client = server.Client();
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }

    [Fact]
    public async Task FiveHundredIdleConnections_OperatorStillAnsweredWithinTwoSeconds()
    {
        await using var server = TestServer.Start();
        var idle = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 500; i++)
            {
                idle.Add(server.Raw());
            }

            await server.WaitForAsync(s => s.Connections >= 500);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var client = server.Client();
            var rows = client.Query("select 1", TimeSpan.FromSeconds(2)).Rows;
            watch.Stop();

            Assert.Equal(1L, rows[0][0]);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed}");
            Assert.True(server.Server.Statistics.Evicted > 0);
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
    }
}

/// <summary>Queries past a small memory budget. Not run in parallel with other tests: SQLite's heap limit is one per
/// process, and a small budget lowers it for every connection while these run.</summary>
[Collection(nameof(SmallBudgetCollection))]
public sealed class AdminServerMemoryBudgetTests
{
    [Theory]
    [InlineData("select length(randomblob(900000000))", "per value")]
    [InlineData("select * from processes a, processes b, processes c, processes d", "query results in memory")]
    [InlineData("with recursive r(i, s) as (select 1, 'x' union all select i + 1, s || s from r where i < 40) select length(s) from r order by i desc limit 1", "limit")]
    public async Task Query_PastBudget_AnsweredTooLargeNamingTheLimit_ServerKeepsServing(string sql, string words)
    {
        await using var server = TestServer.Start(budget: new MemoryBudget(16L << 20, "test"));
        using var client = server.Client();

        var e = Assert.Throws<SqlQueryException>(() => client.Query(sql, TimeSpan.FromSeconds(30)));

        Assert.Contains(words, e.Message, StringComparison.Ordinal);
        Assert.Contains("memory budget 16 MiB", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.Statistics.OverBudget);
        Assert.Equal(0L, server.Context.Budget.Results.Used);
        Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
    }
}

[CollectionDefinition(nameof(SmallBudgetCollection), DisableParallelization = true)]
public sealed class SmallBudgetCollection;
