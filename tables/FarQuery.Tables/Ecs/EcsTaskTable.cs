// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;

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
        row[C.Cluster] = task.Cluster;
        row[C.ClusterName] = task.ClusterName;
        row[C.TaskArn] = task.TaskArn;
        row[C.TaskId] = arn?.ResourceId;
        row[C.Family] = task.Family;
        row[C.Revision] = long.TryParse(task.Revision, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision) ? revision : null;
        row[C.DesiredStatus] = task.DesiredStatus;
        row[C.KnownStatus] = task.KnownStatus;
        row[C.LaunchType] = task.LaunchType;
        row[C.AvailabilityZone] = task.AvailabilityZone;
        row[C.AvailabilityZoneId] = task.AvailabilityZoneId;
        row[C.Region] = arn?.Region;
        row[C.AccountId] = arn?.Account;
        row[C.VpcId] = task.VpcId;
        row[C.ServiceName] = task.ServiceName;
        row[C.CpuLimit] = task.CpuLimit;
        row[C.MemoryLimit] = task.MemoryLimit;
        row[C.PullStartedAt] = task.PullStartedAt;
        row[C.PullStoppedAt] = task.PullStoppedAt;
        row[C.ExecutionStoppedAt] = task.ExecutionStoppedAt;
        row[C.EphemeralStorageUtilized] = task.EphemeralStorageUtilized;
        row[C.EphemeralStorageReserved] = task.EphemeralStorageReserved;
        row[C.ClockErrorBound] = task.ClockDrift?.ClockErrorBound;
        row[C.ClockReferenceTimestamp] = task.ClockDrift?.ReferenceTimestamp;
        row[C.ClockSynchronizationStatus] = task.ClockDrift?.ClockSynchronizationStatus;
        row[C.TaskTags] = task.TaskTagsJson;
        row[C.ContainerInstanceTags] = task.ContainerInstanceTagsJson;
        row[C.TagErrors] = task.ErrorsJson;
        row[C.Containers] = (long)task.Containers.Count;
        row[C.MetadataVersion] = (long)client.Endpoint.Version;
        yield return row;
    }
}
