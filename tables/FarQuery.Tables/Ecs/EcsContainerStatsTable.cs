// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Ecs;

namespace FarQuery.Tables;

/// <summary>Resource use of each container of the ECS task from <c>${ECS_CONTAINER_METADATA_URI_V4}/task/stats</c>,
/// or of the own container from <c>/stats</c> when the task-wide path fails. A container the endpoint has no stats for
/// yet (sent as null) gives a row with only its ids. Outside ECS, no rows.</summary>
public sealed partial class EcsContainerStatsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var client = EcsTableSupport.Client(Context);
        IReadOnlyList<EcsContainerStats> stats;
        string? selfId;
        if (client.GetTaskStats(query.Cancellation).Value is { } all)
        {
            stats = all;
            selfId = query.IsUsed(C.IsSelf) ? client.GetContainer(query.Cancellation).Value?.DockerId : null;
        }
        else if (client.Endpoint.IsAvailable && client.GetContainerStats(query.Cancellation).Value is { } own)
        {
            stats = [own];
            selfId = own.DockerId;
        }
        else
        {
            stats = [];
            selfId = null;
        }

        // Names come from the task document, which is cached; only asked for when the column is read.
        var names = stats.Count > 0 && query.IsUsed(C.Name)
            ? client.GetTask(false, query.Cancellation).Value?.Containers
                .Where(c => c.DockerId is not null)
                .DistinctBy(c => c.DockerId)
                .ToDictionary(c => c.DockerId!, c => c.Name, StringComparer.Ordinal)
            : null;
        EcsTableSupport.Report(Context, client);

        var wanted = query.TextEquals(C.DockerId);
        foreach (var s in stats)
        {
            if (!EcsTableSupport.Allowed(wanted, s.DockerId))
            {
                continue;
            }

            var row = NewRow();
            row[C.DockerId] = s.DockerId;
            row[C.Name] = names is not null && names.TryGetValue(s.DockerId, out var name) ? name : null;
            row[C.DockerName] = s.Name;
            row[C.IsSelf] = EcsTableSupport.IsSelf(s.DockerId, selfId);
            row[C.Read] = s.Read;
            row[C.Preread] = s.PreRead;
            row[C.CpuPercent] = s.CpuPercent;
            row[C.CpuTotalUsage] = s.CpuTotalUsage;
            row[C.CpuKernelUsage] = s.CpuKernelUsage;
            row[C.CpuUserUsage] = s.CpuUserUsage;
            row[C.SystemCpuUsage] = s.SystemCpuUsage;
            row[C.OnlineCpus] = s.OnlineCpus;
            row[C.ThrottlingPeriods] = s.ThrottlingPeriods;
            row[C.ThrottledPeriods] = s.ThrottledPeriods;
            row[C.ThrottledTime] = s.ThrottledTime;
            row[C.MemoryUsage] = s.MemoryUsage;
            row[C.MemoryMaxUsage] = s.MemoryMaxUsage;
            row[C.MemoryLimit] = s.MemoryLimit;
            row[C.MemoryCache] = s.MemoryCache;
            row[C.MemoryRss] = s.MemoryRss;
            row[C.Pids] = s.Pids;
            row[C.NetworkRxBytes] = s.NetworkRxBytes;
            row[C.NetworkRxPackets] = s.NetworkRxPackets;
            row[C.NetworkRxErrors] = s.NetworkRxErrors;
            row[C.NetworkRxDropped] = s.NetworkRxDropped;
            row[C.NetworkTxBytes] = s.NetworkTxBytes;
            row[C.NetworkTxPackets] = s.NetworkTxPackets;
            row[C.NetworkTxErrors] = s.NetworkTxErrors;
            row[C.NetworkTxDropped] = s.NetworkTxDropped;
            row[C.NetworkRxBytesPerSec] = s.NetworkRxBytesPerSec;
            row[C.NetworkTxBytesPerSec] = s.NetworkTxBytesPerSec;
            row[C.BlockReadBytes] = s.BlockReadBytes;
            row[C.BlockWriteBytes] = s.BlockWriteBytes;
            row[C.BlockReadOps] = s.BlockReadOps;
            row[C.BlockWriteOps] = s.BlockWriteOps;
            yield return row;
        }
    }
}
