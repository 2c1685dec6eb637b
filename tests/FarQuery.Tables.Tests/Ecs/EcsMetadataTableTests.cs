// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Ecs.Testing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Ecs;

public sealed class EcsMetadataTableTests
{
    private static Reply FargateSelf()
    {
        // AWS published the Fargate container and task examples for different tasks; the own-container document here
        // is the fargate-app element of the task example, as the endpoint would return it to that container.
        using var task = JsonDocument.Parse(EcsFixtures.Bytes("fargate-v4-task.json"));
        return Reply.Text(task.RootElement.GetProperty("Containers")[1].GetRawText());
    }

    private static TmdsServer FargateServer()
    {
        var server = TmdsServer.Scenario(null, "fargate-v4-task.json");
        server.Route("", FargateSelf());
        return server;
    }

    [Fact]
    public void SelectStar_FargateFixture_RowsMatchSpec()
    {
        using var server = FargateServer();
        var result = TableAssert.SelectStarMatchesSpec("ecs_metadata", context: EcsTableContext.For(server.BaseUrl));
        Assert.Equal(2, result.Rows.Count);
    }

    [Theory]
    [InlineData("fargate-v4-container.json", "fargate-v4-task.json", "curl-image,fargate-app")]
    [InlineData("fargate-v4-container.json", "fargate-v4-task-2021-ipv6.json", "curl")]
    [InlineData("fargate-v4-container.json", "fargate-v4-task-2025-pulling.json", "profiler-metadata")]
    [InlineData("ec2-v4-container.json", "ec2-v4-task.json", "~internal~ecs~pause,curl")]
    [InlineData("ec2-v4-container.json", "ec2-v4-taskWithTags.json", "~internal~ecs~pause,curl")]
    [InlineData("ec2-v4-container.json", "ec2-v4-taskWithTags-error.json", "~internal~ecs~pause,curl")]
    [InlineData("ec2-v3-container.json", "ec2-v3-task.json", "~internal~ecs~pause,nginx-curl")]
    public void SelectStar_EveryTaskFixture_OneRowPerContainerMatchingSpec(string container, string task, string names)
    {
        using var server = TmdsServer.Scenario(container, task);
        var result = TableAssert.SelectStarMatchesSpec("ecs_metadata", context: EcsTableContext.For(server.BaseUrl));
        Assert.Equal(names, string.Join(',', result.Rows.Select(r => r[EcsMetadataTable.C.Name])));
        Assert.All(result.Rows, r => Assert.NotNull(r[EcsMetadataTable.C.DockerId]));
        Assert.All(result.Rows, r => Assert.NotNull(r[EcsMetadataTable.C.IsSelf]));
    }

    [Theory]
    [InlineData("fargate-v4-container.json", "cd189a933e5849daa93386466019ab50-2495160603", "awslogs")]
    [InlineData("ec2-v4-container.json", "ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66", "awslogs")]
    [InlineData("ec2-v3-container.json", "43481a6ce4842eec8fe72fc28500c6b52edcc0917f105b83379f88cac1ff3946", null)]
    public void Query_EveryContainerFixtureWithoutTask_ListsOwnContainer(string container, string dockerId, string? logDriver)
    {
        using var server = TmdsServer.Scenario(container, null);
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select docker_id, is_self, log_driver from ecs_metadata").Rows);
        Assert.Equal([dockerId, 1L, logDriver], row);
    }

    [Fact]
    public void Query_FargateTask_OneRowPerContainerWithSelfMarked()
    {
        using var server = FargateServer();
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var rows = host.Query("select name, is_self, docker_id from ecs_metadata order by name").Rows;
        Assert.Equal(["curl-image", 0L, "bfa2636268144d039771334145e490c5-1117626119"], rows[0]);
        Assert.Equal(["fargate-app", 1L, "bfa2636268144d039771334145e490c5-3681984407"], rows[1]);
    }

    [Fact]
    public void Query_FargateContainer_MapsEveryField()
    {
        using var server = FargateServer();
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select docker_name, image, image_id, json_extract(labels, '$.\"com.amazonaws.ecs.container-name\"'), desired_status, known_status, exit_code, cpu_limit, memory_limit, created_at, started_at, finished_at, type, network_mode, ipv4_addresses, ipv6_addresses, mac_address, ipv4_subnet_cidr_block, subnet_gateway_ipv4_address, private_dns_name, domain_name_servers, container_arn, log_driver, log_options, restart_count, snapshotter, task_arn from ecs_metadata where name = 'fargate-app'").Rows);
        object?[] expected =
        [
            "fargate-app", "public.ecr.aws/docker/library/httpd:latest", "sha256:8059bdd0058510c03ae4c808de8c4fd2c1f3c1b6d9ea75487f1e5caa5ececa02",
            "fargate-app", "RUNNING", "RUNNING", null, 2.0, null, "2023-07-21T15:45:44.954460255Z", "2023-07-21T15:45:44.954460255Z", null,
            "NORMAL", "awsvpc", "172.31.42.189", null, "0e:98:9f:33:76:d3", "172.31.32.0/20", "172.31.32.1/20", "ip-172-31-42-189.ec2.internal",
            "172.31.0.2", "arn:aws:ecs:us-east-1:123456789012:container/MyEmptyCluster/bfa2636268144d039771334145e490c5/f65b461d-aa09-4acb-a579-9785c0530cbc",
            null, null, null, "overlayfs", "arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5",
        ];
        Assert.Equal(expected, row);
    }

    [Fact]
    public void Query_StartingTask_MissingTimestampsAndLimitsAreNull()
    {
        using var server = TmdsServer.Scenario(null, "fargate-v4-task-2025-pulling.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select known_status, created_at, started_at, cpu_limit, memory_limit, log_driver, json_extract(log_options, '$.mode'), is_self from ecs_metadata").Rows);
        Assert.Equal(["PULLED", null, null, 0.0, null, "awslogs", "non-blocking", null], row);
    }

    [Fact]
    public void Query_Fargate2021Task_ListsIpv6()
    {
        using var server = TmdsServer.Scenario(null, "fargate-v4-task-2021-ipv6.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select ipv4_addresses, ipv6_addresses, ipv6_subnet_cidr_block, created_at from ecs_metadata").Rows);
        Assert.Equal(["192.0.2.3", "2001:dB8:10b:1a00:32bf:a372:d80f:e958", "2600:1f13:10b:1a00::/64", "2020-10-08T20:47:20.567813946Z"], row);
    }

    [Fact]
    public void Query_Ec2Task_ListsPauseContainerWithItsType()
    {
        using var server = TmdsServer.Scenario("ec2-v4-container.json", "ec2-v4-task.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var rows = host.Query("select name, type, image_id, known_status, docker_name, memory_limit, is_self from ecs_metadata").Rows;
        Assert.Equal(["~internal~ecs~pause", "CNI_PAUSE", "", "RESOURCES_PROVISIONED", "ecs-curltest-26-internalecspause-e292d586b6f9dade4a00", 0L, 0L], rows[0]);
        Assert.Equal(["curl", "NORMAL", "sha256:d691691e9652791a60114e67b365688d20d19940dde7c4736ea30e660d8d3553", "RUNNING", "ecs-curltest-26-curl-a0e7dba5aca6d8cb2e00", 128L, 0L], rows[1]);
        Assert.Single(host.Query("select 1 from ecs_metadata where type = 'NORMAL'").Rows);
    }

    [Fact]
    public void Query_V3Task_MarksSelfFromContainerDocument()
    {
        using var server = TmdsServer.Scenario("ec2-v3-container.json", "ec2-v3-task.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl, version: 3));
        var rows = host.Query("select name, is_self, mac_address, ipv4_addresses from ecs_metadata").Rows;
        Assert.Equal(["~internal~ecs~pause", 0L, null, "10.0.2.106"], rows[0]);
        Assert.Equal(["nginx-curl", 1L, null, "10.0.2.106"], rows[1]);
    }

    [Fact]
    public void Query_DockerIdEquals_ReturnsThatContainer()
    {
        using var server = FargateServer();
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select name from ecs_metadata where docker_id = 'bfa2636268144d039771334145e490c5-1117626119'").Rows);
        Assert.Equal("curl-image", row[0]);
        Assert.Empty(host.Query("select name from ecs_metadata where docker_id = 'nope'").Rows);
    }

    [Fact]
    public void Query_TaskFailsButOwnContainerAnswers_ListsOwnContainer()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", null);
        server.Route("/task", Reply.Status(500));
        var context = EcsTableContext.For(server.BaseUrl);
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select name, is_self, task_arn, created_at from ecs_metadata").Rows);
        Assert.Equal(["curl", 1L, null, "2020-10-08T20:09:11.44527186Z"], row);
        Assert.Equal(1, EcsTableContext.Status(context).Dropped);
    }

    [Fact]
    public void Query_OutsideEcs_NoRowsAndStatusSaysWhy()
    {
        var context = EcsTableContext.OutsideEcs();
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_metadata").Rows);
        Assert.Contains("ECS_CONTAINER_METADATA_URI_V4", EcsTableContext.Status(context).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_MalformedEverywhere_NoRowsAndStatusCarriesTheError()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Text("not json"));
        server.Route("", Reply.Text("{"));
        var context = EcsTableContext.For(server.BaseUrl);
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_metadata").Rows);
        var status = EcsTableContext.Status(context);
        Assert.False(status.Active);
        Assert.Contains("container document: malformed JSON", status.Message, StringComparison.Ordinal);
        Assert.Equal(2, status.Dropped);
    }

    [Fact]
    public void Query_ClosedPort_NoRowsAndStatusSaysRefused()
    {
        var context = EcsTableContext.For(TmdsServer.ClosedPortUrl());
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_metadata").Rows);
        Assert.Contains("Connection refused", EcsTableContext.Status(context).Message, StringComparison.Ordinal);
    }
}
