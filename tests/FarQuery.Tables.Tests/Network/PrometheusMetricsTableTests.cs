// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Ecs.Testing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

/// <summary>prometheus_metrics scrapes a real HTTP server on 127.0.0.1 that serves the fixture exposition.</summary>
public sealed class PrometheusMetricsTableTests
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Join(RepoPaths.Fixtures, "prometheus", "metrics.txt"));

    private static TableContext WithTargets(string section)
    {
        var context = new TableContext();
        context.Services.Set(PrometheusTargets.FromSection(section));
        return context;
    }

    [Fact]
    public void SelectStar_TwoTargetsOneFailing_RowsOfTheServingOneOnly()
    {
        using var server = new TmdsServer("");
        server.Route("/metrics", new Reply(200, Fixture));
        var good = server.BaseUrl + "/metrics";
        var missing = server.BaseUrl + "/nothing";
        var context = WithTargets($$"""{"timeout": 5, "urls": ["{{good}}", "{{missing}}", "{{TmdsServer.ClosedPortUrl()}}"]}""");

        var result = TableAssert.SelectStarMatchesSpec("prometheus_metrics", context: context);

        Assert.Equal(15, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(good, r[0]));
        using var host = TableAssert.Host(context);
        var row = host.Query("select metric_value, timestamp_ms from prometheus_metrics where metric_name = 'app_last_success_timestamp_seconds'").Rows.Single();
        Assert.Equal(1.7227e+09, row[0]);
        Assert.Equal(1722700000123L, row[1]);
        var scraped = (long)host.Query("select timestamp_ms from prometheus_metrics where metric_name = 'go_goroutines'").Rows.Single()[0]!;
        Assert.InRange(scraped, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void SelectStar_NoSection_NoRows()
    {
        TableAssert.SelectStarMatchesSpec("prometheus_metrics", context: new TableContext(), expect: Expect.NoRows);
    }

    [Fact]
    public void SelectStar_TargetSlowerThanTheTimeout_NoRows()
    {
        using var server = new TmdsServer("");
        server.Route("/metrics", new Reply(200, Fixture, TimeSpan.FromSeconds(30)));
        var context = WithTargets($$"""{"timeout": 0.5, "urls": ["{{server.BaseUrl}}/metrics"]}""");

        TableAssert.SelectStarMatchesSpec("prometheus_metrics", context: context, expect: Expect.NoRows);
    }
}
