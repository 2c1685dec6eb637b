// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Text.Json;
using FarQuery.Remote.Tests.Support;
using FarQuery.Scheduler.Logging;

namespace FarQuery.Response.Tests;

/// <summary>The switch a config reload swaps engines through, with real loopback HTTPS webhook receivers.</summary>
public sealed class ResponseSwitchTests : IDisposable
{
    private const string Line = """{"name":"pack_farquery-detections_write_below_etc","hostIdentifier":"task-1","unixTime":1700000000,"action":"added","columns":{"rule":"Write below etc","priority":"ERROR","tags":"container,filesystem","pid":"4242","name":"touch","file_path":"/etc/x"}}""";

    private readonly TestCertificates pki = new();

    [Fact]
    public void Swap_ToAnotherWebhook_LinesAfterTheSwapReachOnlyTheNewReceiver()
    {
        var (oldBodies, newBodies) = (new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        using var oldServer = Receiver(oldBodies, 200);
        using var newServer = Receiver(newBodies, 200);
        using var sink = new ResponseSwitch(Engine(Webhook("old", oldServer)));
        sink.Write(LogKind.Result, Line);
        Eventually.True(() => oldBodies.Count == 1, "the first alert at the old receiver");

        var lost = sink.Swap(Engine(Webhook("new", newServer)), TimeSpan.FromSeconds(5));
        sink.Write(LogKind.Result, Line);
        sink.Write(LogKind.Result, Line);
        Eventually.True(() => newBodies.Count == 2, "both later alerts at the new receiver");

        Assert.Equal(0L, lost);
        Assert.Single(oldBodies);
        Assert.Equal("Write below etc", JsonDocument.Parse(newBodies.First()).RootElement.GetProperty("rule").GetString());
        Assert.Equal((1L, 0L, 0L), (sink.Reloads, sink.Refusals, sink.Dropped));
        Assert.Equal("new", Assert.Single(sink.Engine!.Outputs).Name);
    }

    [Fact]
    public void Swap_OldReceiverDown_ItsBufferedAlertsCountedAsDroppedNotLost()
    {
        var (oldBodies, newBodies) = (new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        using var oldServer = Receiver(oldBodies, 503);
        using var newServer = Receiver(newBodies, 200);
        using var sink = new ResponseSwitch(Engine(Webhook("old", oldServer)));
        var old = sink.Engine!.Outputs[0];
        for (var i = 0; i < 3; i++)
        {
            sink.Write(LogKind.Result, Line);
        }

        Eventually.True(() => oldServer.Requests.Count >= 1, "the old receiver tried");
        var lost = sink.Swap(Engine(Webhook("new", newServer)), TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, lost);
        Assert.Equal((3L, 0L, 0), (old.Dropped, old.Sent, old.Pending));
        Assert.Equal(3, sink.Dropped);

        // A line the scheduler still hands the closed engine is counted too, never lost silently.
        Assert.False(old.Offer(Alerts.Make()));
        Assert.Equal(4, old.Dropped);
    }

    [Fact]
    public void Refused_SectionWithErrors_EngineInForceStaysAndTheErrorIsKept()
    {
        var bodies = new ConcurrentQueue<string>();
        using var server = Receiver(bodies, 200);
        using var sink = new ResponseSwitch(Engine(Webhook("hook", server)));
        var before = sink.Engine;

        sink.Refused("response.outputs.bad: unknown type 'smtp' (nats, webhook)");
        sink.Write(LogKind.Result, Line);

        Eventually.True(() => bodies.Count == 1, "the alert through the engine in force");
        Assert.Same(before, sink.Engine);
        Assert.Equal((0L, 1L), (sink.Reloads, sink.Refusals));
        Assert.Contains(sink.Status(), kv => kv.Key == "last_error" && ((string)kv.Value!).Contains("smtp", StringComparison.Ordinal));
    }

    private TestHttpServer Receiver(ConcurrentQueue<string> bodies, int status) => new(r =>
    {
        if (status == 200)
        {
            bodies.Enqueue(r.Body);
        }

        return new TestResponse(status, "{}");
    }, pki.Server);

    private WebhookOutput Webhook(string name, TestHttpServer server) =>
        new(name, new WebhookOutputOptions { Url = new Uri($"https://127.0.0.1:{server.Port}/{name}"), CaFile = pki.CaPath, Buffer = 100 }, AlertFilter.All, _ => { })
        {
            Backoff = TimeSpan.FromMilliseconds(20),
        };

    private static ResponseEngine Engine(AlertOutput output) => new([output], [], null, _ => { }, _ => { });

    public void Dispose() => pki.Dispose();
}
