// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core;
using FarQuery.Core.Flags;
using FarQuery.Ecs.Testing;
using FarQuery.Tables.Tests.Support;
using FarQuery.TestSupport;

namespace FarQuery.Tables.Tests.Network;

/// <summary>curl against a real HTTP server on 127.0.0.1.</summary>
[Collection(nameof(StarvedPoolCollection))]
public sealed class CurlTableTests
{
    private static TableContext WithCurlTimeout(string seconds)
    {
        var context = new TableContext();
        context.Services.Set(FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [FlagCatalog.CurlTimeout] = seconds }));
        return context;
    }

    [Fact]
    public void SelectStar_UrlOfALoopbackServer_StatusBodyAndSize()
    {
        using var server = new TmdsServer("");
        server.Route("/health", Reply.Text("ok: all good"));
        var url = server.BaseUrl + "/health";

        var result = TableAssert.SelectStarMatchesSpec("curl", $"select * from curl where url = '{url}'");

        var row = Assert.Single(result.Rows);
        Assert.Equal([url, "GET", "osquery", 200L], row[..4]);
        Assert.Equal(12L, row[5]);
        Assert.Equal("ok: all good", row[6]);
        Assert.True((long)row[4]! >= 0);
        Assert.Equal(1, server.Hits("/health"));
    }

    [Fact]
    public void Query_ErrorStatusAndUserAgent_RowPerUrlAndAgent()
    {
        using var server = new TmdsServer("");
        server.Route("/down", Reply.Status(503, "maintenance"));
        var url = server.BaseUrl + "/down";
        using var host = TableAssert.Host();

        var rows = host.Query($"select user_agent, response_code, result from curl where url = '{url}' and user_agent in ('probe/1', 'probe/2') order by user_agent").Rows;

        Assert.Equal([["probe/1", 503L, "maintenance"], ["probe/2", 503L, "maintenance"]], rows.Select(r => r.ToArray()).ToArray());
        Assert.Equal(2, server.Hits("/down"));
    }

    [Fact]
    public void Query_ServerSlowerThanCurlTimeout_RowWithTheErrorAndNoStatus()
    {
        using var server = new TmdsServer("");
        server.Route("/slow", new Reply(200, Encoding.UTF8.GetBytes("late"), TimeSpan.FromSeconds(30)));
        using var host = TableAssert.Host(WithCurlTimeout("1"));

        var row = host.Query($"select response_code, bytes, result from curl where url = '{server.BaseUrl}/slow'").Rows.Single();

        Assert.Null(row[0]);
        Assert.Equal(0L, row[1]);
        Assert.StartsWith("timed out", (string)row[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ServerSlowerThanCurlTimeout_ThreadPoolStarved_StillTimesOut()
    {
        // The table runs on SQLite's thread and sends synchronously; its timeout must not wait for a pool thread either.
        using var server = new TmdsServer("");
        server.Route("/slow", new Reply(200, Encoding.UTF8.GetBytes("late"), TimeSpan.FromSeconds(60)));
        using var host = TableAssert.Host(WithCurlTimeout("1"));
        host.Query("select 1");
        object?[] row;
        bool waited;
        using (var starved = new StarvedThreadPool(TimeSpan.FromSeconds(30)))
        {
            row = host.Query($"select response_code, result from curl where url = '{server.BaseUrl}/slow'").Rows.Single();
            waited = starved.ReleasedBySafety;
        }

        Assert.Null(row[0]);
        Assert.StartsWith("timed out", (string)row[1]!, StringComparison.Ordinal);
        Assert.False(waited, "the curl timeout waited for the starved pool");
    }

    [Fact]
    public void Query_ClosedPortAndBadUrl_RowsWithErrors()
    {
        using var host = TableAssert.Host();

        var rows = host.Query($"select url, response_code, result from curl where url in ('{TmdsServer.ClosedPortUrl()}', 'ftp://127.0.0.1/x')").Rows;

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r[1]));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty((string?)r[2])));
    }

    [Fact]
    public void Query_BodyLargerThanTheCap_ReadUpToTheCap()
    {
        using var server = new TmdsServer("");
        server.Route("/big", new Reply(200, new byte[CurlTable.MaxBody + 4096]));
        using var host = TableAssert.Host();

        var row = host.Query($"select response_code, bytes from curl where url = '{server.BaseUrl}/big'").Rows.Single();

        Assert.Equal([200L, (long)CurlTable.MaxBody], row);
    }

    [Fact]
    public void Query_WithoutUrl_FailsWithTheRequiredColumnError()
    {
        using var host = TableAssert.Host();

        var e = Assert.ThrowsAny<Exception>(() => host.Query("select * from curl"));

        Assert.Contains("required", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
