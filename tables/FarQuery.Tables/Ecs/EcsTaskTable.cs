// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row for the ECS task from <c>${ECS_CONTAINER_METADATA_URI_V4}/task</c> (plus <c>/taskWithTags</c> when a
/// tag column is read). Outside ECS, or when the endpoint never answered, no row; the reason is in the
/// <c>ecs_metadata</c> publisher status.</summary>
public sealed partial class EcsTaskTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var client = EcsTableSupport.Client(Context);
        var withTags = query.IsUsed(C.TaskTags) || query.IsUsed(C.ContainerInstanceTags) || query.IsUsed(C.TagErrors);
        var result = client.GetTask(withTags, query.Cancellation);
        EcsTableSupport.Report(Context, client);
        if (result.Value is not { } task)
        {
            yield break;
        }

        var arn = task.Arn;
        var row = NewRow();
        row.Cluster = task.Cluster;
        row.ClusterName = task.ClusterName;
        row.TaskArn = task.TaskArn;
        row.TaskId = arn?.ResourceId;
        row.Family = task.Family;
        row.Revision = long.TryParse(task.Revision, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision) ? revision : null;
        row.DesiredStatus = task.DesiredStatus;
        row.KnownStatus = task.KnownStatus;
        row.LaunchType = task.LaunchType;
        row.AvailabilityZone = task.AvailabilityZone;
        row.AvailabilityZoneId = task.AvailabilityZoneId;
        row.Region = arn?.Region;
        row.AccountId = arn?.Account;
        row.VpcId = task.VpcId;
        row.ServiceName = task.ServiceName;
        row.CpuLimit = task.CpuLimit;
        row.MemoryLimit = task.MemoryLimit;
        row.PullStartedAt = task.PullStartedAt;
        row.PullStoppedAt = task.PullStoppedAt;
        row.ExecutionStoppedAt = task.ExecutionStoppedAt;
        row.EphemeralStorageUtilized = task.EphemeralStorageUtilized;
        row.EphemeralStorageReserved = task.EphemeralStorageReserved;
        row.ClockErrorBound = task.ClockDrift?.ClockErrorBound;
        row.ClockReferenceTimestamp = task.ClockDrift?.ReferenceTimestamp;
        row.ClockSynchronizationStatus = task.ClockDrift?.ClockSynchronizationStatus;
        row.TaskTags = task.TaskTagsJson;
        row.ContainerInstanceTags = task.ContainerInstanceTagsJson;
        row.TagErrors = task.ErrorsJson;
        row.Containers = (long)task.Containers.Count;
        row.MetadataVersion = (long)client.Endpoint.Version;
        yield return row;
    }
}
