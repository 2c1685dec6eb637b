// SPDX-License-Identifier: Apache-2.0
using FarQuery.Ecs.Testing;

namespace FarQuery.Ecs.Tests;

public sealed class EcsStatsParserTests
{
    private static IReadOnlyList<EcsContainerStats> TaskStats(string fixture)
    {
        Assert.True(EcsStatsParser.TryParseTaskStats(EcsFixtures.Bytes(fixture), out var stats, out var error), error);
        return stats;
    }

    [Fact]
    public void TryParseTaskStats_Fargate_ReadsCountersAndRates()
    {
        var s = Assert.Single(TaskStats("fargate-v4-task-stats.json"));
        Assert.Equal("3d1f891cded94dc795608466cce8ddcf-464223573", s.DockerId);
        Assert.True(s.HasData);
        Assert.Equal("curltest", s.Name);
        Assert.Equal("2020-10-08T21:24:44.938937019Z", s.Read);
        Assert.Equal("2020-10-08T21:24:34.938633969Z", s.PreRead);
        Assert.Equal(1137691504, s.CpuTotalUsage);
        Assert.Equal(80000000, s.CpuKernelUsage);
        Assert.Equal(810000000, s.CpuUserUsage);
        Assert.Equal(9393210000000, s.SystemCpuUsage);
        Assert.Equal(2, s.OnlineCpus);
        Assert.Equal(1136624601, s.PreCpuTotalUsage);
        Assert.Equal(9373330000000, s.PreSystemCpuUsage);
        Assert.Equal(6504448, s.MemoryUsage);
        Assert.Equal(8458240, s.MemoryMaxUsage);

        // The AWS example prints 2^63 rounded by JavaScript; it still fits in Int64.
        Assert.Equal(9223372036854772000, s.MemoryLimit);
        Assert.Equal(651264, s.MemoryCache);
        Assert.Equal(4669440, s.MemoryRss);
        Assert.Null(s.Pids);
        Assert.Equal(2398415937, s.NetworkRxBytes);
        Assert.Equal(1898631, s.NetworkRxPackets);
        Assert.Equal(1259037719, s.NetworkTxBytes);
        Assert.Equal(428002, s.NetworkTxPackets);
        Assert.Equal(0, s.NetworkRxErrors);
        Assert.Equal(43.298687872232854, s.NetworkRxBytesPerSec);
        Assert.Equal(215.39347269466413, s.NetworkTxBytesPerSec);
        Assert.Equal(638976, s.BlockReadBytes);
        Assert.Equal(0, s.BlockWriteBytes);
        Assert.Equal(12, s.BlockReadOps);
        Assert.Equal(0, s.BlockWriteOps);
        Assert.Equal(0, s.ThrottledPeriods);

        // (1137691504 - 1136624601) / (9393210000000 - 9373330000000) * 2 CPUs * 100
        Assert.Equal(1066903.0 / 19880000000.0 * 2 * 100, s.CpuPercent!.Value, 12);
    }

    [Fact]
    public void TryParseTaskStats_Ec2_ReadsEveryContainerInOrder()
    {
        var stats = TaskStats("ec2-v4-task-stats.json");
        Assert.Equal(["01999f2e5c6cf4df3873f28950e6278813408f281c54778efec860d0caad4854", "5fc21e5b015f899d22618f8aede80b6d70d71b2a75465ea49d9462c8f3d2d3af"], stats.Select(s => s.DockerId));
        Assert.Equal("/ecs-curltest-26-internalecspause-a6bcc3dbadfacfe85300", stats[0].Name);
        Assert.Equal(1, stats[0].Pids);
        Assert.Equal(4073377792, stats[0].MemoryLimit);
        Assert.Equal(3, stats[1].Pids);
        Assert.Equal(1814528, stats[1].MemoryUsage);
        Assert.Equal(84, stats[1].NetworkRxBytes);
        Assert.Equal(0, stats[1].BlockReadBytes);
    }

    [Fact]
    public void TryParseContainerStats_Ec2_TakesIdFromBody()
    {
        Assert.True(EcsStatsParser.TryParseContainerStats(EcsFixtures.Bytes("ec2-v4-container-stats.json"), out var s, out var error), error);
        Assert.Equal("5fc21e5b015f899d22618f8aede80b6d70d71b2a75465ea49d9462c8f3d2d3af", s.DockerId);
        Assert.Equal("/ecs-curltest-26-curl-c2e5f6e0cf91b0bead01", s.Name);
        Assert.Equal(3, s.Pids);
        Assert.Equal(134217728, s.MemoryLimit);
        Assert.Equal(2, s.NetworkTxPackets);
        Assert.Equal(0.0, s.NetworkTxBytesPerSec);

        // CPU did not move between the samples (same total_usage): 0 %, not unknown.
        Assert.Equal(0.0, s.CpuPercent);
    }

    [Fact]
    public void TryParseTaskStats_NullEntry_GivesRowWithoutData()
    {
        Assert.True(EcsStatsParser.TryParseTaskStats("""{"a-1":null,"b-2":{"memory_stats":{"usage":5}}}"""u8, out var stats, out _));
        Assert.False(stats[0].HasData);
        Assert.Equal("a-1", stats[0].DockerId);
        Assert.Null(stats[0].MemoryUsage);
        Assert.Null(stats[0].CpuPercent);
        Assert.Equal(5, stats[1].MemoryUsage);
    }

    [Fact]
    public void TryParseTaskStats_CgroupV2Names_AreRead()
    {
        var json = """{"x":{"memory_stats":{"usage":10,"limit":18446744073709551615,"stats":{"anon":4,"file":6}},"blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"read","value":7},{"major":8,"minor":16,"op":"read","value":3},{"major":8,"minor":0,"op":"write","value":5}]},"networks":{"eth0":{"rx_bytes":1},"eth1":{"rx_bytes":2}}}}"""u8;
        Assert.True(EcsStatsParser.TryParseTaskStats(json, out var stats, out _));
        var s = stats[0];
        Assert.Equal(long.MaxValue, s.MemoryLimit);
        Assert.Equal(4, s.MemoryRss);
        Assert.Equal(6, s.MemoryCache);
        Assert.Equal(10, s.BlockReadBytes);
        Assert.Equal(5, s.BlockWriteBytes);
        Assert.Null(s.BlockReadOps);
        Assert.Equal(3, s.NetworkRxBytes);
        Assert.Null(s.NetworkTxBytes);
    }

    [Fact]
    public void TryParseTaskStats_Malformed_FailsWithClearError()
    {
        Assert.False(EcsStatsParser.TryParseTaskStats("{\"a\": {"u8, out _, out var error));
        Assert.StartsWith("task stats document: malformed JSON", error, StringComparison.Ordinal);
        Assert.False(EcsStatsParser.TryParseContainerStats("[1]"u8, out _, out error));
        Assert.Equal("container stats document: expected a JSON object, got Array", error);
    }
}
