// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;
using FarQuery.Scheduler.Logging;

namespace FarQuery.Remote.Tests;

/// <summary>The TLS logger: batching, bounded buffer, invalid lines.</summary>
public sealed class TlsLogSinkTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public void Write_PastTheBound_DropsTheOldestAndCountsThem()
    {
        var client = Own(new TlsRemoteClient(new RemoteOptions { TlsHostname = "127.0.0.1:1", BufferedLogMax = 10 }, Backend.SecretSource(), "h", () => [], _ => { }));
        var sink = Own(new TlsLogSink(client, _ => { }));
        for (var i = 0; i < 25; i++)
        {
            sink.Write(LogKind.Result, $$"""{"seq":{{i}}}""");
        }

        Assert.Equal(10, sink.Pending);
        Assert.Equal(15, sink.Dropped);
    }

    [Fact]
    public void Write_NotAJsonObject_IsDroppedAndCounted()
    {
        var client = Own(new TlsRemoteClient(new RemoteOptions { TlsHostname = "127.0.0.1:1" }, Backend.SecretSource(), "h", () => [], _ => { }));
        var sink = Own(new TlsLogSink(client, _ => { }));

        sink.Write(LogKind.Result, "not json");
        sink.Write(LogKind.Result, "[1,2]");
        sink.Write(LogKind.Result, """{"a":1} trailing""");
        sink.Write(LogKind.Status, """{"message":"ok"}""");

        Assert.Equal(3, sink.Dropped);
        Assert.Equal(1, sink.Pending);
    }

    [Fact]
    public void Send_MoreLinesThanMaxLines_SplitsIntoBatchesPerLogType()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var options = Backend.Options(server.Port, pki);
        options.LoggerMaxLines = 3;
        var client = Own(new TlsRemoteClient(options, Backend.SecretSource(), "h", () => [], _ => { }));
        var sink = Own(new TlsLogSink(client, _ => { }));
        for (var i = 0; i < 10; i++)
        {
            sink.Write(LogKind.Result, $$"""{"seq":{{i}}}""");
        }

        sink.Write(LogKind.Status, """{"message":"status line","severity":0}""");
        sink.Start();
        sink.Flush(TimeSpan.FromSeconds(30));

        Assert.Equal(0, sink.Pending);
        Assert.Equal(Enumerable.Range(0, 10), fleet.ResultLines.Select(l => (int)l["seq"]!));
        Assert.Equal("status line", (string?)fleet.StatusLines.Single()["message"]);
        var logRequests = server.Requests.Where(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, logRequests.Count);
        Assert.Equal(1, logRequests.Count(r => r.Body.Contains("\"log_type\":\"status\"", StringComparison.Ordinal)));
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
