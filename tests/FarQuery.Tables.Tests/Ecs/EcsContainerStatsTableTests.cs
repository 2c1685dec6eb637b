// SPDX-License-Identifier: Apache-2.0
using FarQuery.Ecs.Testing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Ecs;

public sealed class EcsContainerStatsTableTests
{
    private const string CurlId = "5fc21e5b015f899d22618f8aede80b6d70d71b2a75465ea49d9462c8f3d2d3af";
    private const string PauseId = "01999f2e5c6cf4df3873f28950e6278813408f281c54778efec860d0caad4854";

    /// <summary>The EC2 stats example with task and container documents whose ids are rewritten to the stats' ids (AWS
    /// published the examples for different tasks), so names and is_self can be joined.</summary>
    private static TmdsServer Ec2Server()
    {
        var server = TmdsServer.Scenario(null, null, taskStats: "ec2-v4-task-stats.json", containerStats: "ec2-v4-container-stats.json");
        server.Route("/task", EcsTableContext.Rewritten(
            "ec2-v4-task.json",
            ("598cba581fe3f939459eaba1e071d5c93bb2c49b7d1ba7db6bb19deeb70d8e38", PauseId),
            ("ee08638adaaf009d78c248913f629e38299471d45fe7dc944d1039077e3424ca", CurlId)));
        server.Route("", EcsTableContext.Rewritten("ec2-v4-container.json", ("ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66", CurlId)));
        return server;
    }

    [Fact]
    public void SelectStar_FargateFixture_RowsMatchSpec()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json", taskStats: "fargate-v4-task-stats.json");
        var result = TableAssert.SelectStarMatchesSpec("ecs_container_stats", context: EcsTableContext.For(server.BaseUrl));
        Assert.Single(result.Rows);
    }

    [Theory]
    [InlineData("fargate-v4-task-stats.json", null, "3d1f891cded94dc795608466cce8ddcf-464223573")]
    [InlineData("ec2-v4-task-stats.json", null, PauseId + "," + CurlId)]
    [InlineData(null, "ec2-v4-container-stats.json", CurlId)]
    public void SelectStar_EveryStatsFixture_RowsMatchSpec(string? taskStats, string? containerStats, string ids)
    {
        using var server = TmdsServer.Scenario(null, null, taskStats, containerStats);
        var result = TableAssert.SelectStarMatchesSpec("ecs_container_stats", context: EcsTableContext.For(server.BaseUrl));
        Assert.Equal(ids, string.Join(',', result.Rows.Select(r => r[0])));
        Assert.All(result.Rows, r => Assert.NotNull(r[EcsContainerStatsTable.C.MemoryUsage]));
    }

    [Fact]
    public void Query_FargateStats_MapsCpuMemoryNetworkAndBlockIo()
    {
        using var server = TmdsServer.Scenario(null, null, taskStats: "fargate-v4-task-stats.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select docker_id, name, docker_name, read, preread, cpu_total_usage, cpu_kernel_usage, cpu_user_usage, system_cpu_usage, online_cpus, throttled_periods, memory_usage, memory_max_usage, memory_limit, memory_cache, memory_rss, pids, network_rx_bytes, network_rx_packets, network_tx_bytes, network_tx_packets, network_rx_dropped, network_rx_bytes_per_sec, network_tx_bytes_per_sec, block_read_bytes, block_write_bytes, block_read_ops, block_write_ops, round(cpu_percent, 6) from ecs_container_stats").Rows);
        object?[] expected =
        [
            "3d1f891cded94dc795608466cce8ddcf-464223573", null, "curltest", "2020-10-08T21:24:44.938937019Z", "2020-10-08T21:24:34.938633969Z",
            1137691504L, 80000000L, 810000000L, 9393210000000L, 2L, 0L, 6504448L, 8458240L, 9223372036854772000L, 651264L, 4669440L, null,
            2398415937L, 1898631L, 1259037719L, 428002L, 0L, 43.298687872232854, 215.39347269466413, 638976L, 0L, 12L, 0L,
            Math.Round(1066903.0 / 19880000000.0 * 2 * 100, 6),
        ];
        Assert.Equal(expected, row);
    }

    [Fact]
    public void Query_Ec2Stats_JoinsNamesAndMarksSelf()
    {
        using var server = Ec2Server();
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var rows = host.Query("select docker_id, name, docker_name, is_self, pids, memory_usage, round(cpu_percent, 7) from ecs_container_stats").Rows;
        Assert.Equal([PauseId, "~internal~ecs~pause", "/ecs-curltest-26-internalecspause-a6bcc3dbadfacfe85300", 0L, 1L, 532480L, 0.0], rows[0]);
        Assert.Equal([CurlId, "curl", "/ecs-curltest-26-curl-c2e5f6e0cf91b0bead01", 1L, 3L, 1814528L, 0.0250484], rows[1]);
    }

    [Fact]
    public void Query_DockerIdEquals_ReturnsThatContainer()
    {
        using var server = Ec2Server();
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        Assert.Equal(3L, Assert.Single(host.Query($"select pids from ecs_container_stats where docker_id = '{CurlId}'").Rows)[0]);
    }

    [Fact]
    public void Query_TaskStatsUnavailable_FallsBackToOwnStats()
    {
        using var server = TmdsServer.Scenario(null, null, containerStats: "ec2-v4-container-stats.json");
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select docker_id, is_self, memory_limit, network_rx_bytes, cpu_percent from ecs_container_stats").Rows);
        Assert.Equal([CurlId, 1L, 134217728L, 84L, 0.0], row);
    }

    [Fact]
    public void Query_ContainerWithoutStatsYet_RowHasOnlyIds()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task/stats", Reply.Text("{\"abc-1\": null}"));
        using var host = TableAssert.Host(EcsTableContext.For(server.BaseUrl));
        var row = Assert.Single(host.Query("select docker_id, read, cpu_percent, memory_usage from ecs_container_stats").Rows);
        Assert.Equal(["abc-1", null, null, null], row);
    }

    [Fact]
    public void Query_OutsideEcs_NoRowsAndStatusSaysWhy()
    {
        var context = EcsTableContext.OutsideEcs();
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_container_stats").Rows);
        Assert.Contains("not running on Amazon ECS", EcsTableContext.Status(context).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_StatsFail_NoRowsAndStatusCarriesTheError()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task/stats", Reply.Status(500));
        server.Route("/stats", Reply.Text("[]"));
        var context = EcsTableContext.For(server.BaseUrl);
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from ecs_container_stats").Rows);
        var status = EcsTableContext.Status(context);
        Assert.Equal($"GET {server.BaseUrl}/stats: container stats document: expected a JSON object, got Array", status.Message);
        Assert.Equal(2, status.Dropped);
        Assert.Equal(2, server.Hits("/task/stats"));
    }
}
