// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>The fields FarQuery reads from one Docker stats object of <c>${uri}/stats</c> or <c>${uri}/task/stats</c>.
/// A container without stats yet (the endpoint sends <c>null</c>) has only <see cref="DockerId"/>.</summary>
public sealed record EcsContainerStats
{
    /// <summary>Docker id: the key in <c>/task/stats</c>, or <c>id</c> in <c>/stats</c>.</summary>
    public required string DockerId { get; init; }

    /// <summary>False when the endpoint sent <c>null</c> for the container (not running long enough, or stopped).</summary>
    public bool HasData { get; init; }

    /// <summary>Docker's <c>name</c> (EC2 sends it with a leading slash), as sent.</summary>
    public string? Name { get; init; }

    /// <summary>When this sample was taken, as sent.</summary>
    public string? Read { get; init; }

    /// <summary>When the previous sample was taken, as sent.</summary>
    public string? PreRead { get; init; }

    /// <summary>CPU time used, nanoseconds (<c>cpu_stats.cpu_usage.total_usage</c>).</summary>
    public long? CpuTotalUsage { get; init; }

    /// <summary>CPU time in kernel mode, nanoseconds.</summary>
    public long? CpuKernelUsage { get; init; }

    /// <summary>CPU time in user mode, nanoseconds.</summary>
    public long? CpuUserUsage { get; init; }

    /// <summary>Host CPU time, nanoseconds (<c>cpu_stats.system_cpu_usage</c>).</summary>
    public long? SystemCpuUsage { get; init; }

    /// <summary>CPUs online.</summary>
    public long? OnlineCpus { get; init; }

    /// <summary>CPU time used at the previous sample.</summary>
    public long? PreCpuTotalUsage { get; init; }

    /// <summary>Host CPU time at the previous sample.</summary>
    public long? PreSystemCpuUsage { get; init; }

    /// <summary>CFS periods elapsed.</summary>
    public long? ThrottlingPeriods { get; init; }

    /// <summary>CFS periods in which the container was throttled.</summary>
    public long? ThrottledPeriods { get; init; }

    /// <summary>Time throttled, nanoseconds.</summary>
    public long? ThrottledTime { get; init; }

    /// <summary>Memory in use, bytes.</summary>
    public long? MemoryUsage { get; init; }

    /// <summary>Peak memory, bytes (cgroup v1).</summary>
    public long? MemoryMaxUsage { get; init; }

    /// <summary>Memory limit, bytes (about 2^63 when unlimited).</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>Page cache, bytes (<c>stats.cache</c>; cgroup v2: <c>stats.file</c>).</summary>
    public long? MemoryCache { get; init; }

    /// <summary>Anonymous memory, bytes (<c>stats.rss</c>; cgroup v2: <c>stats.anon</c>).</summary>
    public long? MemoryRss { get; init; }

    /// <summary>Processes and threads in the container (<c>pids_stats.current</c>).</summary>
    public long? Pids { get; init; }

    /// <summary>Bytes received, summed over interfaces.</summary>
    public long? NetworkRxBytes { get; init; }

    /// <summary>Packets received, summed over interfaces.</summary>
    public long? NetworkRxPackets { get; init; }

    /// <summary>Receive errors, summed over interfaces.</summary>
    public long? NetworkRxErrors { get; init; }

    /// <summary>Received packets dropped, summed over interfaces.</summary>
    public long? NetworkRxDropped { get; init; }

    /// <summary>Bytes sent, summed over interfaces.</summary>
    public long? NetworkTxBytes { get; init; }

    /// <summary>Packets sent, summed over interfaces.</summary>
    public long? NetworkTxPackets { get; init; }

    /// <summary>Send errors, summed over interfaces.</summary>
    public long? NetworkTxErrors { get; init; }

    /// <summary>Sent packets dropped, summed over interfaces.</summary>
    public long? NetworkTxDropped { get; init; }

    /// <summary>Receive rate the agent computed (<c>network_rate_stats</c>, v4 only).</summary>
    public double? NetworkRxBytesPerSec { get; init; }

    /// <summary>Send rate the agent computed (<c>network_rate_stats</c>, v4 only).</summary>
    public double? NetworkTxBytesPerSec { get; init; }

    /// <summary>Bytes read from block devices (<c>io_service_bytes_recursive</c>, op Read).</summary>
    public long? BlockReadBytes { get; init; }

    /// <summary>Bytes written to block devices (op Write).</summary>
    public long? BlockWriteBytes { get; init; }

    /// <summary>Read operations (<c>io_serviced_recursive</c>, op Read).</summary>
    public long? BlockReadOps { get; init; }

    /// <summary>Write operations (op Write).</summary>
    public long? BlockWriteOps { get; init; }

    /// <summary>CPU use between the two samples in percent of one CPU times the online CPUs, the way <c>docker stats</c>
    /// computes it: (container delta / host delta) × CPUs × 100. Null when a counter is missing or did not move.</summary>
    public double? CpuPercent
    {
        get
        {
            if (CpuTotalUsage is not { } total || PreCpuTotalUsage is not { } preTotal
                || SystemCpuUsage is not { } system || PreSystemCpuUsage is not { } preSystem)
            {
                return null;
            }

            var systemDelta = system - preSystem;
            var cpuDelta = total - preTotal;
            if (systemDelta <= 0 || cpuDelta < 0)
            {
                return null;
            }

            return (double)cpuDelta / systemDelta * (OnlineCpus is > 0 ? OnlineCpus.Value : 1) * 100.0;
        }
    }
}
