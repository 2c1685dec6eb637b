// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Text.Json;
using FarQuery.Remote.Tests.Support;

namespace FarQuery.Response.Tests;

public sealed class WebhookOutputTests : IDisposable
{
    private readonly TestCertificates pki = new();

    [Fact]
    public void Offer_SlackFormat_ReceiverGetsTextAndBlocksOverVerifiedTls()
    {
        var bodies = new ConcurrentQueue<string>();
        using var server = new TestHttpServer(r =>
        {
            bodies.Enqueue(r.Body);
            return new TestResponse(200, "ok", "text/plain");
        }, pki.Server);
        using var output = new WebhookOutput("slack", new WebhookOutputOptions { Url = new Uri($"https://127.0.0.1:{server.Port}/services/T000/B000/XXXX"), Slack = true, CaFile = pki.CaPath, Headers = new Dictionary<string, string> { ["X-Team"] = "sec" } }, AlertFilter.All, _ => { });
        output.Start();
        output.Offer(Alerts.Make());
        Eventually.True(() => output.Sent == 1, "the alert delivered");
        using var doc = JsonDocument.Parse(Assert.Single(bodies));
        Assert.StartsWith("[ERROR] Write below etc", doc.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, doc.RootElement.GetProperty("blocks").GetArrayLength());
        Assert.Equal("sec", server.Requests.Single().Headers["X-Team"]);
    }

    [Fact]
    public void Offer_ReceiverAnswers500Then200_DeliveredOnce()
    {
        var calls = 0;
        var accepted = new ConcurrentQueue<string>();
        using var server = new TestHttpServer(r =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                return new TestResponse(500, "{}");
            }

            accepted.Enqueue(r.Body);
            return new TestResponse(200, "{}");
        }, pki.Server);
        using var output = new WebhookOutput("hook", new WebhookOutputOptions { Url = new Uri($"https://127.0.0.1:{server.Port}/alerts"), CaFile = pki.CaPath }, AlertFilter.All, _ => { }) { Backoff = TimeSpan.FromMilliseconds(50) };
        output.Start();
        output.Offer(Alerts.Make());
        Eventually.True(() => output.Sent == 1, "the alert delivered after the 500");
        Assert.Single(accepted);
        Assert.Equal(2, calls);
        Assert.Equal((0L, 0L), (output.Dropped, output.Failed));
    }

    [Fact]
    public void Offer_ReceiverRefuses400_CountedAsFailedNotRetried()
    {
        var calls = 0;
        using var server = new TestHttpServer(_ =>
        {
            Interlocked.Increment(ref calls);
            return new TestResponse(400, "{}");
        }, pki.Server);
        using var output = new WebhookOutput("hook", new WebhookOutputOptions { Url = new Uri($"https://127.0.0.1:{server.Port}/alerts"), CaFile = pki.CaPath }, AlertFilter.All, _ => { });
        output.Start();
        output.Offer(Alerts.Make());
        Eventually.True(() => output.Failed == 1, "the refusal counted");
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Offer_UntrustedCertificate_NotDelivered()
    {
        using var server = new TestHttpServer(_ => new TestResponse(200, "{}"), pki.Server);
        var warnings = new ConcurrentQueue<string>();

        // No CA bundle: the system store does not trust the test CA.
        using var output = new WebhookOutput("hook", new WebhookOutputOptions { Url = new Uri($"https://127.0.0.1:{server.Port}/alerts") }, AlertFilter.All, warnings.Enqueue);
        output.Start();
        output.Offer(Alerts.Make());
        Eventually.True(() => !warnings.IsEmpty, "the TLS failure reported");
        Assert.Equal(0, output.Sent);
        Assert.Equal(1, output.Pending);
    }

    public void Dispose() => pki.Dispose();
}
