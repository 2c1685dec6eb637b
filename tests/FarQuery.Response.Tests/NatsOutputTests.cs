// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Text.Json;
using NATS.Client.Core;

namespace FarQuery.Response.Tests;

public sealed class NatsOutputTests
{
    [Fact]
    public async Task Offer_RunningBroker_PublishedOnPriorityAndRuleSubject()
    {
        if (!NatsServer.Available())
        {
            return;
        }

        using var server = new NatsServer();
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var received = new ConcurrentQueue<(string Subject, byte[] Data)>();
        var sub = await subscriber.SubscribeCoreAsync<byte[]>("farquery.>");
        var reading = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync())
            {
                received.Enqueue((m.Subject, m.Data!));
            }
        });
        await subscriber.PingAsync();

        using var output = new NatsOutput("ops", new NatsOutputOptions { Url = server.Url }, AlertFilter.All, _ => { });
        output.Start();
        Assert.True(output.Offer(Alerts.Make()));
        Eventually.True(() => !received.IsEmpty, "the alert on the broker");
        var (subject, data) = Assert.Single(received);
        Assert.Equal("farquery.error.write_below_etc", subject);
        using var doc = JsonDocument.Parse(data);
        Assert.Equal("touch", doc.RootElement.GetProperty("fields").GetProperty("name").GetString());
        Assert.Equal(1, output.Sent);
        await sub.UnsubscribeAsync();
    }

    [Fact]
    public void Offer_BrokerDownThenUp_EveryAlertWithinTheBoundArrivesAndTheRestAreCounted()
    {
        if (!NatsServer.Available())
        {
            return;
        }

        using var server = new NatsServer(start: false);
        var warnings = new ConcurrentQueue<string>();
        using var output = new NatsOutput("ops", new NatsOutputOptions { Url = server.Url, Buffer = 5 }, AlertFilter.All, warnings.Enqueue) { Backoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        output.Start();
        for (var i = 0; i < 8; i++)
        {
            output.Offer(Alerts.Make(rule: "Rule " + i));
        }

        Eventually.True(() => warnings.Any(w => w.Contains("unreachable", StringComparison.Ordinal)), "the outage reported");
        Assert.Equal(3, output.Dropped);

        // The server's own count of messages taken in: a subscriber could only see those sent after it subscribed.
        server.Start();
        Eventually.True(() => output.Sent == 5, "the buffered alerts delivered after the broker came up");
        Eventually.True(() => server.InMessages() == 5, "the five buffered alerts on the broker");
        Assert.Equal((3L, 0), (output.Dropped, output.Pending));
    }
}
