// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Ecs;
using FarQuery.Ecs.Testing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Ecs;

public sealed class EcsTaskTableTests
{
    private static object?[] Row(TableContext context, string columns)
    {
        using var host = TableAssert.Host(context);
        return Assert.Single(host.Query($"select {columns} from ecs_task").Rows);
    }

    [Fact]
    public void SelectStar_FargateFixture_RowsMatchSpec()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json");
        var result = TableAssert.SelectStarMatchesSpec("ecs_task", context: EcsTableContext.For(server.BaseUrl));
        Assert.Single(result.Rows);
    }

    [Theory]
    [InlineData("fargate-v4-task.json", "sample-fargate", "RUNNING", 2L)]
    [InlineData("fargate-v4-task-2021-ipv6.json", "curltest", "RUNNING", 1L)]
    [InlineData("fargate-v4-task-2025-pulling.json", "profiler-metadata", "NONE", 1L)]
    [InlineData("ec2-v4-task.json", "curltest", "RUNNING", 2L)]
    [InlineData("ec2-v4-taskWithTags.json", "curltest", "RUNNING", 2L)]
    [InlineData("ec2-v4-taskWithTags-error.json", "curltest", "RUNNING", 2L)]
    [InlineData("ec2-v3-task.json", "nginx", "RUNNING", 2L)]
    public void SelectStar_EveryTaskFixture_OneRowMatchingSpec(string fixture, string family, string knownStatus, long containers)
    {
        using var server = TmdsServer.Scenario(null, fixture);
        var result = TableAssert.SelectStarMatchesSpec("ecs_task", "select family, known_status, containers, region, account_id from ecs_task", EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(result.Rows);
        Assert.Equal(family, row[0]);
        Assert.Equal(knownStatus, row[1]);
        Assert.Equal(containers, row[2]);
        Assert.NotNull(row[3]);
        Assert.NotNull(row[4]);
    }

    [Fact]
    public void Query_FargateTask_MapsEveryField()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json");
        var context = EcsTableContext.For(server.BaseUrl);
        var row = Row(context, "cluster, cluster_name, task_arn, task_id, family, revision, desired_status, known_status, launch_type, availability_zone, region, account_id, vpc_id, service_name, cpu_limit, memory_limit, pull_started_at, pull_stopped_at, execution_stopped_at, ephemeral_storage_utilized, ephemeral_storage_reserved, clock_error_bound, clock_reference_timestamp, clock_synchronization_status, task_tags, tag_errors, containers, metadata_version");
        object?[] expected =
        [
            "arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster", "MyEmptyCluster",
            "arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5", "bfa2636268144d039771334145e490c5",
            "sample-fargate", 5L, "RUNNING", "RUNNING", "FARGATE", "us-east-1d", "us-east-1", "123456789012", null, null,
            0.25, 512L, "2023-07-21T15:45:33.532811081Z", "2023-07-21T15:45:38.541068435Z", null, 261L, 20496L,
            0.446931, "2023-07-21T16:09:17Z", "SYNCHRONIZED", null, null, 2L, 4L,
        ];
        Assert.Equal(expected, row);

        // Fargate does not document /taskWithTags; the 404 leaves the tag columns NULL and the task row intact.
        Assert.Equal(1, server.Hits("/taskWithTags"));
        Assert.True(EcsTableContext.Status(context).Active);
    }

    [Fact]
    public void Query_StartingTask_MissingFieldsAreNull()
    {
        using var server = TmdsServer.Scenario(null, "fargate-v4-task-2025-pulling.json");
        var row = Row(EcsTableContext.For(server.BaseUrl), "known_status, desired_status, execution_stopped_at, memory_limit, pull_started_at, clock_error_bound, family");
        Assert.Equal(["NONE", "RUNNING", null, 2048L, "2025-03-20T16:41:24.713942268Z", 0.3148955, "profiler-metadata"], row);
    }

    [Fact]
    public void Query_Fargate2021Task_TakesClockDriftFromTheContainer()
    {
        using var server = TmdsServer.Scenario(null, "fargate-v4-task-2021-ipv6.json");
        var row = Row(EcsTableContext.For(server.BaseUrl), "clock_error_bound, clock_reference_timestamp, clock_synchronization_status, revision, availability_zone");
        Assert.Equal([0.5458234999999999, "2021-09-07T16:57:44Z", "SYNCHRONIZED", 3L, "us-west-2a"], row);
    }

    [Fact]
    public void Query_Ec2Task_HasServiceAndVpc()
    {
        using var server = TmdsServer.Scenario("ec2-v4-container.json", "ec2-v4-task.json");
        var row = Row(EcsTableContext.For(server.BaseUrl), "cluster, cluster_name, service_name, vpc_id, launch_type, revision, cpu_limit, memory_limit, containers, region, account_id");
        Assert.Equal(["default", "default", "MyService", "vpc-1234567890abcdef0", "EC2", 26L, null, null, 2L, "us-west-2", "111122223333"], row);
    }

    [Fact]
    public void Query_Ec2TaskWithTags_ExposesTagsAsJson()
    {
        using var server = TmdsServer.Scenario(null, "ec2-v4-task.json", taskWithTags: "ec2-v4-taskWithTags.json");
        var row = Row(EcsTableContext.For(server.BaseUrl), "task_tags, container_instance_tags, tag_errors, json_extract(task_tags, '$.tag-use')");
        Assert.Equal(["{\"tag-use\":\"task-metadata-endpoint-test\"}", "{\"tag_key\":\"tag_value\"}", null, "task-metadata-endpoint-test"], row);
    }

    [Fact]
    public void Query_TagsWithError_KeepsTheErrorsAndTheTask()
    {
        using var server = TmdsServer.Scenario(null, "ec2-v4-task.json", taskWithTags: "ec2-v4-taskWithTags-error.json");
        var row = Row(EcsTableContext.For(server.BaseUrl), "family, task_tags, json_array_length(tag_errors), json_extract(tag_errors, '$[1].ErrorField'), json_extract(tag_errors, '$[0].ErrorCode')");
        Assert.Equal(["curltest", null, 2L, "TaskTags", "AccessDeniedException"], row);
    }

    [Fact]
    public void Query_TagColumnsNotRead_DoesNotAskForTags()
    {
        using var server = TmdsServer.Scenario(null, "ec2-v4-task.json", taskWithTags: "ec2-v4-taskWithTags.json");
        Row(EcsTableContext.For(server.BaseUrl), "family, known_status");
        Assert.Equal(0, server.Hits("/taskWithTags"));
    }

    [Fact]
    public void Query_V3Endpoint_ReadsV3Task()
    {
        using var server = TmdsServer.Scenario("ec2-v3-container.json", "ec2-v3-task.json");
        var row = Row(EcsTableContext.For(server.BaseUrl, version: 3), "family, revision, region, account_id, task_id, metadata_version, clock_error_bound");
        Assert.Equal(["nginx", 5L, "us-east-2", "012345678910", "9781c248-0edd-4cdb-9a93-f63cb662a5d3", 3L, null], row);
    }

    [Fact]
    public void Query_OutsideEcs_NoRowsAndStatusSaysWhy()
    {
        var context = EcsTableContext.OutsideEcs();
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_task").Rows);
        var status = EcsTableContext.Status(context);
        Assert.False(status.Active);
        Assert.Contains("not running on Amazon ECS", status.Message, StringComparison.Ordinal);
        Assert.Equal(0, status.Dropped);
    }

    [Fact]
    public void Query_NoClientRegistered_CreatesOneFromTheEnvironmentAndKeepsIt()
    {
        var context = new TableContext();
        using var host = TableAssert.Host(context);
        host.Query("select family from ecs_task");
        var client = context.Services.Get<EcsMetadataClient>();
        Assert.NotNull(client);
        Assert.Equal(EcsEndpoint.FromEnvironment().BaseUrl, client.Endpoint.BaseUrl);
        host.Query("select family from ecs_task");
        Assert.Same(client, context.Services.Get<EcsMetadataClient>());
    }

    [Theory]
    [InlineData(500, "HTTP 500 Internal Server Error (after 2 attempts)")]
    [InlineData(0, "task document: malformed JSON")]
    public void Query_EndpointError_NoRowsAndStatusCarriesTheError(int status, string expected)
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", status == 0 ? Reply.Text("{\"Cluster\": [") : Reply.Status(status));
        var context = EcsTableContext.For(server.BaseUrl);
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_task").Rows);
        var published = EcsTableContext.Status(context);
        Assert.False(published.Active);
        Assert.Contains(expected, published.Message, StringComparison.Ordinal);
        Assert.Equal(1, published.Dropped);
    }

    [Fact]
    public void Query_SlowEndpoint_NoRowsAndStatusSaysTimeout()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Slow("fargate-v4-task.json", TimeSpan.FromSeconds(30)));
        var context = EcsTableContext.For(server.BaseUrl, options: EcsTableContext.ShortTimeout);
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select family from ecs_task").Rows);
        Assert.EndsWith("/task: no response within 1000 ms (after 2 attempts)", EcsTableContext.Status(context).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ClosedPort_NoRowsAndStatusSaysRefused()
    {
        var context = EcsTableContext.For(TmdsServer.ClosedPortUrl());
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select family from ecs_task").Rows);
        Assert.Contains("Connection refused", EcsTableContext.Status(context).Message, StringComparison.Ordinal);
    }
}
