// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using FarQuery.Core;
using FarQuery.Remote.Tests.Support;
using FarQuery.Scheduler.Config;
using FarQuery.Scheduler.Logging;
using FarQuery.Scheduler.Scheduling;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Remote.Tests;

/// <summary>The whole flow against a Fleet-like HTTPS server on loopback, with the real scheduler and SQL host.</summary>
public sealed class RemoteAgentTests : IDisposable
{
    private const string ScheduleConfig = """
        {"options":{"pack_delimiter":"/","logger_tls_period":"1"},
         "packs":{"Global":{"queries":{"self":{"query":"SELECT 'fq' AS marker, 42 AS answer","interval":1,"snapshot":true}}}}}
        """;

    private readonly TestCertificates pki = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public void RemoteAgent_FullFlow_EnrollsAppliesConfigShipsResultsAndAnswersDistributed()
    {
        var fleet = new FakeFleet(Backend.Secret) { Config = ScheduleConfig };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var (warn, output) = Backend.Capture();
        var (remote, scheduler) = StartAgent(Backend.Options(server.Port, pki), warn);

        Eventually.True(() => remote.ConfigsApplied >= 1, "config applied");
        Assert.Equal(1, fleet.Enrolls);
        var enroll = fleet.EnrollBodies.Single();
        Assert.Equal("test-host", (string?)enroll["host_identifier"]);
        Assert.Equal("9", (string?)enroll["platform_type"]);
        Assert.All(enroll["host_details"]!["osquery_info"]!.AsObject(), kv => Assert.Equal(System.Text.Json.JsonValueKind.String, kv.Value!.GetValueKind()));
        Assert.Contains(scheduler.Config.Packs, p => p.Name == "Global");

        Eventually.True(() => fleet.ResultLines.Any(l => (string?)l["name"] == "pack/Global/self"), "scheduled result logged");
        var line = fleet.ResultLines.First(l => (string?)l["name"] == "pack/Global/self");
        Assert.Equal("snapshot", (string?)line["action"]);
        Assert.Equal("fq", (string?)line["snapshot"]![0]!["marker"]);

        fleet.PendingQueries["fleet_distributed_query_1"] = "SELECT 'hello' AS greeting, 7 AS n";
        fleet.PendingQueries["fleet_distributed_query_bad"] = "SELECT * FROM no_such_table";
        fleet.PendingQueries["fleet_detail_query_gated"] = "SELECT 1 AS never";
        fleet.PendingDiscovery["fleet_detail_query_gated"] = "SELECT 1 WHERE 0";
        Eventually.True(() => !fleet.DistributedWrites.IsEmpty, "distributed results written");
        var write = fleet.DistributedWrites.First();
        Assert.Equal("hello", (string?)write["queries"]!["fleet_distributed_query_1"]![0]!["greeting"]);
        Assert.Equal("7", (string?)write["queries"]!["fleet_distributed_query_1"]![0]!["n"]);
        Assert.Equal(0, (int)write["statuses"]!["fleet_distributed_query_1"]!);
        Assert.Equal("", (string?)write["messages"]!["fleet_distributed_query_1"]);
        Assert.NotNull(write["stats"]!["fleet_distributed_query_1"]!["wall_time_ms"]);
        Assert.Equal(1, (int)write["statuses"]!["fleet_distributed_query_bad"]!);
        Assert.Contains("no_such_table", (string?)write["messages"]!["fleet_distributed_query_bad"]);
        Assert.Empty(write["queries"]!["fleet_distributed_query_bad"]!.AsArray());
        Assert.Null(write["queries"]!["fleet_detail_query_gated"]);

        Assert.DoesNotContain(output, l => l.Contains(Backend.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void RemoteAgent_NodeInvalidOnSecondConfigRequest_ReenrollsAndKeepsWorking()
    {
        var fleet = new FakeFleet(Backend.Secret) { Config = ScheduleConfig, InvalidateOnConfigRequest = 2 };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var options = Backend.Options(server.Port, pki);
        options.ConfigRefresh = TimeSpan.FromMilliseconds(200);
        var (warn, output) = Backend.Capture();
        var (remote, _) = StartAgent(options, warn);

        Eventually.True(() => fleet.Enrolls >= 2 && remote.ConfigsApplied >= 2, "re-enrolled and config fetched with the new key");
        Assert.True(remote.Client.Reenrollments >= 1);
        Assert.Equal("node-key-2", remote.Client.NodeKey);
        Assert.Contains(output, l => l.Contains("node_invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void RemoteAgent_BadConfigOnRefresh_KeepsThePreviousConfig()
    {
        var fleet = new FakeFleet(Backend.Secret) { Config = ScheduleConfig };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var options = Backend.Options(server.Port, pki);
        options.ConfigRefresh = TimeSpan.FromMilliseconds(200);
        var (warn, _) = Backend.Capture();
        var (remote, scheduler) = StartAgent(options, warn);
        Eventually.True(() => remote.ConfigsApplied >= 1, "first config applied");

        fleet.Config = """{"packs": 17}""";
        Eventually.True(() => remote.ConfigFailures >= 1, "bad config refused");
        Assert.Contains(scheduler.Config.Packs, p => p.Name == "Global");
        Assert.Contains("packs", remote.LastConfigError, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoteAgent_BackendDownAtStartThenUp_DeliversEveryBufferedResult()
    {
        var port = TestHttpServer.FreePort();
        var fleet = new FakeFleet(Backend.Secret);
        var (warn, _) = Backend.Capture();
        var options = Backend.Options(port, pki);
        var (remote, _) = StartAgent(options, warn, startScheduler: false);
        for (var i = 0; i < 50; i++)
        {
            remote.LogSink!.Write(LogKind.Result, $$"""{"name":"q","seq":{{i}}}""");
        }

        // Enrollment keeps retrying against the closed port; the lines wait in the buffer.
        Eventually.True(() => remote.Client.Requests >= 3, "requests refused while the backend is down");
        Assert.Null(remote.Client.NodeKey);

        // At app exit the drain must not wait for a backend that is down.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        remote.LogSink!.Flush(TimeSpan.FromSeconds(60));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "Flush waited for a backend that is down");
        Assert.Equal(50, remote.LogSink!.Pending);

        Own(new TestHttpServer(fleet.Handle, pki.Server, port: port));
        Eventually.True(() => fleet.ResultLines.Count >= 50, "buffered results delivered");
        Assert.Equal(Enumerable.Range(0, 50), fleet.ResultLines.Select(l => (int)l["seq"]!).Order());
        Eventually.True(() => remote.LogSink.Pending == 0, "the buffer is emptied once the server acknowledged");
        Assert.Equal(0, remote.LogSink.Dropped);
    }

    [Fact]
    public void RemoteAgent_BackendAnswersGarbage_OtherSinksAndTheSchedulerKeepWorking()
    {
        var fleet = new FakeFleet(Backend.Secret) { Override = new TestResponse(500, "upstream connect error", "text/plain") };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var (warn, output) = Backend.Capture();
        var local = new MemorySink();
        var (remote, scheduler) = StartAgent(Backend.Options(server.Port, pki), warn, extra: local);
        scheduler.Apply(ConfigParser.Parse(ScheduleConfig, "local", null));

        Eventually.True(() => local.Lines.Count(l => l.Contains("pack/Global/self", StringComparison.Ordinal)) >= 2, "results keep reaching the local sink");
        Eventually.True(() => server.Requests.Count >= 2, "the backend was tried");
        Assert.True(remote.LogSink!.Pending > 0);
        Assert.Equal(0, remote.ConfigsApplied);
        Assert.Contains(output, l => l.Contains("not JSON", StringComparison.Ordinal));

        fleet.Override = null;
        Eventually.True(() => fleet.ResultLines.Any(l => (string?)l["name"] == "pack/Global/self"), "results delivered once the backend recovers");
    }

    /// <summary>An in-memory sink standing for stdout.</summary>
    private sealed class MemorySink : ILogSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public string Name => "memory";

        public long Dropped => 0;

        public void Write(LogKind kind, string line) => Lines.Enqueue(line);

        public void Flush(TimeSpan timeout)
        {
        }

        public void Dispose()
        {
        }
    }

    private (RemoteAgent Remote, QueryScheduler Scheduler) StartAgent(Tls.RemoteOptions options, Action<string> warn, bool startScheduler = true, ILogSink? extra = null)
    {
        var context = new TableContext();
        var host = Own(new SqlHost(TableRegistry.All, context));
        var remoteHost = Own(new SqlHost(TableRegistry.All, context));
        var sinks = new List<ILogSink>();
        if (extra is not null)
        {
            sinks.Add(extra);
        }

        QueryScheduler? scheduler = null;
        var remote = Own(RemoteAgent.Create(options, Backend.SecretSource(), remoteHost, "test-host", c =>
        {
            scheduler!.Apply(c);
            return c;
        }, warn));
        sinks.Add(remote.LogSink!);
        scheduler = Own(new QueryScheduler(host, new LogFormatter("test-host"), sinks));
        scheduler.Apply(new OsqueryConfig());
        if (startScheduler)
        {
            scheduler.Start();
        }

        remote.Start();
        return (remote, scheduler);
    }

    private T Own<T>(T d)
        where T : IDisposable
    {
        owned.Add(d);
        return d;
    }

    public void Dispose()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        pki.Dispose();
    }
}
