// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Remote.Tests;

/// <summary>Distributed queries against the fake Fleet: discovery, accelerate, retries across a re-enrollment.</summary>
public sealed class DistributedRunnerTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public async Task PollOnce_NodeInvalidOnWrite_ReenrollsAndDeliversTheResults()
    {
        var fleet = new FakeFleet(Backend.Secret) { InvalidateOnWriteRequest = 1 };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var client = Own(new TlsRemoteClient(Backend.Options(server.Port, pki), Backend.SecretSource(), "h", () => [], _ => { }));
        var runner = new DistributedRunner(client, Own(new SqlHost(TableRegistry.All, new TableContext())), _ => { });
        fleet.PendingQueries["q"] = "SELECT 'v' AS c";

        Assert.Equal(1, await runner.PollOnceAsync(CancellationToken.None));

        Assert.Equal("v", (string?)fleet.DistributedWrites.Single()["queries"]!["q"]![0]!["c"]);
        Assert.Equal(2, fleet.Enrolls);
        Assert.Equal(1, runner.Answered);
    }

    [Fact]
    public async Task PollOnce_IntegerAccelerate_ShortensTheInterval()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var options = Backend.Options(server.Port, pki);
        options.DistributedInterval = TimeSpan.FromSeconds(60);
        var client = Own(new TlsRemoteClient(options, Backend.SecretSource(), "h", () => [], _ => { }));
        var runner = new DistributedRunner(client, Own(new SqlHost(TableRegistry.All, new TableContext())), _ => { });
        Assert.Equal(TimeSpan.FromSeconds(60), runner.NextInterval);

        Assert.Equal(0, await runner.PollOnceAsync(CancellationToken.None));

        Assert.Equal(options.AcceleratedInterval, runner.NextInterval);
        Assert.Empty(fleet.DistributedWrites);
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
