// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Resource use of each container of the ECS task from <c>${ECS_CONTAINER_METADATA_URI_V4}/task/stats</c>,
/// or of the own container from <c>/stats</c> when the task-wide path fails. A container the endpoint has no stats for
/// yet (sent as null) gives a row with only its ids. Outside ECS, no rows.</summary>
[RowSource(typeof(EcsContainerStats))]
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

            var row = RowFrom(s);
            row.Name = names is not null && names.TryGetValue(s.DockerId, out var name) ? name : null;
            row.DockerName = s.Name;
            row.IsSelf = EcsTableSupport.IsSelf(s.DockerId, selfId);
            row.Preread = s.PreRead;
            yield return row;
        }
    }
}
