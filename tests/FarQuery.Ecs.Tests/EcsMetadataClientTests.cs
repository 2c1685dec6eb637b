// SPDX-License-Identifier: Apache-2.0
using FarQuery.Ecs.Testing;
using FarQuery.TestSupport;

namespace FarQuery.Ecs.Tests;

[Collection(nameof(StarvedPoolCollection))]
public sealed class EcsMetadataClientTests
{
    // A timeout generous enough for a loaded CI machine, so no success test depends on its speed; quick retries.
    private static readonly EcsClientOptions Fast = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(15),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    private static EcsMetadataClient Client(TmdsServer server, ManualTime? time = null, EcsClientOptions? options = null) =>
        new(EcsEndpoint.At(server.BaseUrl), options ?? Fast, time);

    [Fact]
    public void GetTask_FixtureServer_ParsesTask()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json");
        using var client = Client(server);
        var result = client.GetTask();
        Assert.Null(result.Error);
        Assert.Equal("sample-fargate", result.Value!.Family);
        Assert.True(client.Status.Available);
        Assert.Contains("ok: GET " + server.BaseUrl + "/task", client.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetTask_WithinMaxAge_IsServedFromCache()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario(null, "fargate-v4-task.json");
        using var client = Client(server, time);
        client.GetTask();
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.NotNull(client.GetTask().Value);
        Assert.Equal(1, server.Hits("/task"));
    }

    [Fact]
    public void GetTask_AfterMaxAge_FetchesAgainAndSeesNewStatus()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Fixture("fargate-v4-task-2025-pulling.json"), Reply.Fixture("fargate-v4-task.json"));
        using var client = Client(server, time);
        Assert.Equal("NONE", client.GetTask().Value!.KnownStatus);
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("RUNNING", client.GetTask().Value!.KnownStatus);
        Assert.Equal(2, server.Hits("/task"));
    }

    [Fact]
    public void GetContainer_FactsAreCachedLongerThanStatus()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json");
        using var client = Client(server, time);
        client.GetContainer();
        client.GetTask();
        time.Advance(TimeSpan.FromMinutes(1));
        client.GetContainer();
        client.GetTask();
        Assert.Equal(1, server.Hits(""));
        Assert.Equal(2, server.Hits("/task"));
    }

    [Fact]
    public void GetTask_Http500_RetriesThenReportsStatus()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Status(500, "{\"error\":\"boom\"}"));
        using var client = Client(server);
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.Equal($"GET {server.BaseUrl}/task: HTTP 500 Internal Server Error: {{\"error\":\"boom\"}} (after 3 attempts)", result.Error);
        Assert.Equal(3, server.Hits("/task"));
        Assert.False(client.Status.Available);
        Assert.Equal(1, client.Status.Failures);
        Assert.Equal(result.Error, client.Status.Message);
    }

    [Fact]
    public void GetTask_Http500ThenOk_SucceedsOnRetry()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Status(500), Reply.Fixture("ec2-v4-task.json"));
        using var client = Client(server);
        var result = client.GetTask();
        Assert.Null(result.Error);
        Assert.Equal("MyService", result.Value!.ServiceName);
        Assert.Equal(2, server.Hits("/task"));
        Assert.Equal(0, client.Status.Failures);
    }

    [Fact]
    public void GetTask_NotFound_IsNotRetried()
    {
        using var server = TmdsServer.Scenario(null, null);
        using var client = Client(server);
        var result = client.GetTask();
        Assert.Equal($"GET {server.BaseUrl}/task: HTTP 404 Not Found: not found", result.Error);
        Assert.Equal(1, server.Hits("/task"));
    }

    [Fact]
    public void GetTask_MalformedJson_ReportsParseErrorWithoutRetry()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Text("{\"Cluster\":\"default\",\"TaskARN\":"));
        using var client = Client(server);
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.StartsWith($"GET {server.BaseUrl}/task: task document: malformed JSON", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, server.Hits("/task"));
        Assert.False(client.Status.Available);
    }

    [Fact]
    public void GetTask_SlowServer_TimesOutWithClearMessage()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Slow("fargate-v4-task.json", TimeSpan.FromSeconds(30)));
        using var client = Client(server, options: Fast with { Attempts = 2, RequestTimeout = TimeSpan.FromSeconds(1) });
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.Equal($"GET {server.BaseUrl}/task: no response within 1000 ms (after 2 attempts)", result.Error);
        Assert.Equal(2, client.Requests);
    }

    [Fact]
    public void GetTask_SlowServer_ThreadPoolStarved_StillTimesOut()
    {
        // The ECS tables wait here on SQLite's thread: the request's timeout must not wait for a pool thread.
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Slow("fargate-v4-task.json", TimeSpan.FromSeconds(60)));
        using var client = Client(server, options: Fast with { Attempts = 1, RequestTimeout = TimeSpan.FromSeconds(1) });
        string? error;
        bool waited;
        using (var starved = new StarvedThreadPool(TimeSpan.FromSeconds(30)))
        {
            error = client.GetTask().Error;
            waited = starved.ReleasedBySafety;
        }

        Assert.Equal($"GET {server.BaseUrl}/task: no response within 1000 ms", error);
        Assert.False(waited, "the request's timeout waited for the starved pool");
    }

    [Fact]
    public void GetTask_ClosedPort_ReportsConnectionRefused()
    {
        using var client = new EcsMetadataClient(EcsEndpoint.At(TmdsServer.ClosedPortUrl()), Fast);
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.Contains("Connection refused", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("(after 3 attempts)", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, client.Requests);
        Assert.False(client.Status.Available);
    }

    [Fact]
    public void GetTask_ConnectionDropped_ReportsPrematureEnd()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Drop());
        using var client = Client(server, options: Fast with { Attempts = 1 });
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.StartsWith($"GET {server.BaseUrl}/task: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, server.Hits("/task"));
    }

    [Fact]
    public void GetTask_RefreshFails_ServesLastGoodDocumentMarkedStale()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Fixture("fargate-v4-task.json"), Reply.Status(503));
        using var client = Client(server, time, Fast with { Attempts = 1 });
        Assert.NotNull(client.GetTask().Value);
        time.Advance(TimeSpan.FromSeconds(30));
        var result = client.GetTask();
        Assert.True(result.IsStale);
        Assert.Equal("sample-fargate", result.Value!.Family);
        Assert.Equal($"GET {server.BaseUrl}/task: HTTP 503 Service Unavailable (serving the document fetched 30 s ago)", result.Error);
    }

    [Fact]
    public void GetTask_AfterFailure_DoesNotAskAgainForAMoment()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Status(500), Reply.Fixture("fargate-v4-task.json"));
        using var client = Client(server, time, Fast with { Attempts = 1 });
        Assert.NotNull(client.GetTask().Error);
        Assert.NotNull(client.GetTask().Error);
        Assert.Equal(1, server.Hits("/task"));
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(client.GetTask().Error);
        Assert.Equal(2, server.Hits("/task"));
    }

    [Fact]
    public void GetTask_WithTags_AddsTagsFromTaskWithTags()
    {
        using var server = TmdsServer.Scenario(null, "ec2-v4-task.json", taskWithTags: "ec2-v4-taskWithTags.json");
        using var client = Client(server);
        var task = client.GetTask(withTags: true).Value!;
        Assert.Equal("{\"tag-use\":\"task-metadata-endpoint-test\"}", task.TaskTagsJson);
        Assert.Equal("{\"tag_key\":\"tag_value\"}", task.ContainerInstanceTagsJson);
        Assert.Null(client.GetTask(withTags: false).Value!.TaskTagsJson);
    }

    [Fact]
    public void GetTask_WithTagsNotSupported_ReturnsTaskAndStopsAsking()
    {
        var time = new ManualTime();
        using var server = TmdsServer.Scenario(null, "fargate-v4-task.json");
        using var client = Client(server, time);
        Assert.Equal("sample-fargate", client.GetTask(withTags: true).Value!.Family);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(client.GetTask(withTags: true).Value!.TaskTagsJson);
        Assert.Equal(1, server.Hits("/taskWithTags"));
        Assert.Equal(2, server.Hits("/task"));
    }

    [Fact]
    public void GetTaskStats_And_GetContainerStats_ParseFixtures()
    {
        using var server = TmdsServer.Scenario(null, null, taskStats: "ec2-v4-task-stats.json", containerStats: "ec2-v4-container-stats.json");
        using var client = Client(server);
        Assert.Equal(2, client.GetTaskStats().Value!.Count);
        Assert.Equal(3, client.GetContainerStats().Value!.Pids);
    }

    [Fact]
    public void Client_NoEndpoint_ReturnsReasonWithoutRequests()
    {
        using var client = EcsMetadataClient.FromEnvironment(_ => null);
        var result = client.GetTask();
        Assert.Null(result.Value);
        Assert.Contains("not running on Amazon ECS", result.Error, StringComparison.Ordinal);
        Assert.Contains("not running on Amazon ECS", client.Status.Message, StringComparison.Ordinal);
        Assert.False(client.Status.Available);
        Assert.Null(client.GetTaskStats().Value);
        Assert.Equal(0, client.Requests);
    }

    [Fact]
    public void Client_V3Endpoint_ReadsV3Documents()
    {
        using var server = TmdsServer.Scenario("ec2-v3-container.json", "ec2-v3-task.json");
        using var client = EcsMetadataClient.FromEnvironment(n => n == EcsEndpoint.V3Variable ? server.BaseUrl : null, Fast);
        Assert.Equal(3, client.Endpoint.Version);
        Assert.Equal("nginx", client.GetTask().Value!.Family);
        Assert.Equal("43481a6ce4842eec8fe72fc28500c6b52edcc0917f105b83379f88cac1ff3946", client.GetContainer().Value!.DockerId);
    }
}

/// <summary>Tests that starve the process's thread pool run alone (xunit runs such a collection after the parallel ones).</summary>
[CollectionDefinition(nameof(StarvedPoolCollection), DisableParallelization = true)]
public sealed class StarvedPoolCollection;
