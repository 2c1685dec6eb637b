// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Ecs;

/// <summary>Parses the Docker stats documents of <c>${uri}/stats</c> (one object) and <c>${uri}/task/stats</c> (an
/// object keyed by Docker id, whose values may be null). Pure functions over the response bytes.</summary>
public static class EcsStatsParser
{
    /// <summary>Parses <c>${uri}/task/stats</c>, in document order.</summary>
    public static bool TryParseTaskStats(ReadOnlySpan<byte> json, [NotNullWhen(true)] out IReadOnlyList<EcsContainerStats>? stats, out string error)
    {
        stats = null;
        if (!EcsMetadataParser.TryRoot(json, "task stats", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            var list = new List<EcsContainerStats>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                list.Add(property.Value.ValueKind == JsonValueKind.Object
                    ? Read(property.Value, property.Name)
                    : new EcsContainerStats { DockerId = property.Name });
            }

            stats = list;
            return true;
        }
    }

    /// <summary>Parses <c>${uri}/stats</c>; the Docker id comes from its <c>id</c> field.</summary>
    public static bool TryParseContainerStats(ReadOnlySpan<byte> json, [NotNullWhen(true)] out EcsContainerStats? stats, out string error)
    {
        stats = null;
        if (!EcsMetadataParser.TryRoot(json, "container stats", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            stats = Read(document.RootElement, document.RootElement.Str("id") ?? "");
            return true;
        }
    }

    private static EcsContainerStats Read(JsonElement s, string dockerId)
    {
        s.TryObject("cpu_stats", out var cpu);
        cpu.TryObject("cpu_usage", out var cpuUsage);
        cpu.TryObject("throttling_data", out var throttling);
        s.TryObject("precpu_stats", out var precpu);
        precpu.TryObject("cpu_usage", out var precpuUsage);
        s.TryObject("memory_stats", out var memory);
        memory.TryObject("stats", out var memoryDetail);
        s.TryObject("pids_stats", out var pids);
        s.TryObject("network_rate_stats", out var rates);
        s.TryObject("blkio_stats", out var blkio);
        var (rxBytes, rxPackets, rxErrors, rxDropped, txBytes, txPackets, txErrors, txDropped) = SumNetworks(s);
        var (readBytes, writeBytes) = SumBlockIo(blkio, "io_service_bytes_recursive");
        var (readOps, writeOps) = SumBlockIo(blkio, "io_serviced_recursive");
        return new EcsContainerStats
        {
            DockerId = dockerId,
            HasData = true,
            Name = s.Str("name"),
            Read = s.Str("read"),
            PreRead = s.Str("preread"),
            CpuTotalUsage = cpuUsage.Int("total_usage"),
            CpuKernelUsage = cpuUsage.Int("usage_in_kernelmode"),
            CpuUserUsage = cpuUsage.Int("usage_in_usermode"),
            SystemCpuUsage = cpu.Int("system_cpu_usage"),
            OnlineCpus = cpu.Int("online_cpus"),
            PreCpuTotalUsage = precpuUsage.Int("total_usage"),
            PreSystemCpuUsage = precpu.Int("system_cpu_usage"),
            ThrottlingPeriods = throttling.Int("periods"),
            ThrottledPeriods = throttling.Int("throttled_periods"),
            ThrottledTime = throttling.Int("throttled_time"),
            MemoryUsage = memory.Int("usage"),
            MemoryMaxUsage = memory.Int("max_usage"),
            MemoryLimit = memory.Int("limit"),

            // cgroup v1 names first; Docker on cgroup v2 reports the kernel's memory.stat names instead.
            MemoryCache = memoryDetail.Int("cache") ?? memoryDetail.Int("file"),
            MemoryRss = memoryDetail.Int("rss") ?? memoryDetail.Int("anon"),
            Pids = pids.Int("current"),
            NetworkRxBytes = rxBytes,
            NetworkRxPackets = rxPackets,
            NetworkRxErrors = rxErrors,
            NetworkRxDropped = rxDropped,
            NetworkTxBytes = txBytes,
            NetworkTxPackets = txPackets,
            NetworkTxErrors = txErrors,
            NetworkTxDropped = txDropped,
            NetworkRxBytesPerSec = rates.Dbl("rx_bytes_per_sec"),
            NetworkTxBytesPerSec = rates.Dbl("tx_bytes_per_sec"),
            BlockReadBytes = readBytes,
            BlockWriteBytes = writeBytes,
            BlockReadOps = readOps,
            BlockWriteOps = writeOps,
        };
    }

    private static (long? RxBytes, long? RxPackets, long? RxErrors, long? RxDropped, long? TxBytes, long? TxPackets, long? TxErrors, long? TxDropped) SumNetworks(JsonElement s)
    {
        if (!s.TryObject("networks", out var networks))
        {
            return default;
        }

        long? rxBytes = null, rxPackets = null, rxErrors = null, rxDropped = null;
        long? txBytes = null, txPackets = null, txErrors = null, txDropped = null;
        foreach (var nic in networks.EnumerateObject())
        {
            var n = nic.Value;
            rxBytes = Add(rxBytes, n.Int("rx_bytes"));
            rxPackets = Add(rxPackets, n.Int("rx_packets"));
            rxErrors = Add(rxErrors, n.Int("rx_errors"));
            rxDropped = Add(rxDropped, n.Int("rx_dropped"));
            txBytes = Add(txBytes, n.Int("tx_bytes"));
            txPackets = Add(txPackets, n.Int("tx_packets"));
            txErrors = Add(txErrors, n.Int("tx_errors"));
            txDropped = Add(txDropped, n.Int("tx_dropped"));
        }

        return (rxBytes, rxPackets, rxErrors, rxDropped, txBytes, txPackets, txErrors, txDropped);
    }

    /// <summary>Sums the Read and Write entries of a blkio list over every device. cgroup v1 Docker writes the op
    /// capitalised, cgroup v2 Docker lower-case. An empty list (Fargate often sends one) means zero, not unknown.</summary>
    private static (long? Read, long? Write) SumBlockIo(JsonElement blkio, string list)
    {
        if (!blkio.TryArray(list, out var entries))
        {
            return (null, null);
        }

        long read = 0, write = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var op = entry.Str("op");
            var value = entry.Int("value") ?? 0;
            if (string.Equals(op, "Read", StringComparison.OrdinalIgnoreCase))
            {
                read = SaturatingAdd(read, value);
            }
            else if (string.Equals(op, "Write", StringComparison.OrdinalIgnoreCase))
            {
                write = SaturatingAdd(write, value);
            }
        }

        return (read, write);
    }

    private static long? Add(long? sum, long? value) => value is { } v ? SaturatingAdd(sum ?? 0, v) : sum;

    private static long SaturatingAdd(long a, long b)
    {
        var r = unchecked(a + b);

        // Overflow happened when both operands have the same sign and the result's sign differs.
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : r;
    }
}
