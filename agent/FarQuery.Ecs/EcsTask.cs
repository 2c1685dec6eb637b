// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>The task object of <c>${uri}/task</c> and <c>${uri}/taskWithTags</c> (docs/ecs-and-ssm.md §1.4). Missing fields are
/// null; timestamps are the strings as sent.</summary>
public sealed record EcsTask
{
    /// <summary>Cluster: a full ARN on Fargate, a short name in the EC2 examples.</summary>
    public string? Cluster { get; init; }

    /// <summary>Task ARN.</summary>
    public string? TaskArn { get; init; }

    /// <summary>Task definition family.</summary>
    public string? Family { get; init; }

    /// <summary>Task definition revision (a JSON string).</summary>
    public string? Revision { get; init; }

    /// <summary>Status the scheduler drives the task to.</summary>
    public string? DesiredStatus { get; init; }

    /// <summary>Last status the agent saw; NONE while the task starts.</summary>
    public string? KnownStatus { get; init; }

    /// <summary>Task CPU limit in vCPU (0.25, 1).</summary>
    public double? CpuLimit { get; init; }

    /// <summary>Task memory limit in MiB.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>When the image pull started, as sent.</summary>
    public string? PullStartedAt { get; init; }

    /// <summary>When the image pull ended, as sent.</summary>
    public string? PullStoppedAt { get; init; }

    /// <summary>When the task stopped, as sent.</summary>
    public string? ExecutionStoppedAt { get; init; }

    /// <summary>Availability zone.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Availability zone id (present in the agent's source, not in the documented examples).</summary>
    public string? AvailabilityZoneId { get; init; }

    /// <summary>FARGATE, EC2, EXTERNAL, MANAGED_INSTANCES.</summary>
    public string? LaunchType { get; init; }

    /// <summary>Service that started the task.</summary>
    public string? ServiceName { get; init; }

    /// <summary>VPC id (EC2).</summary>
    public string? VpcId { get; init; }

    /// <summary>Clock drift of the task; when only a container carries one (older Fargate), that one.</summary>
    public EcsClockDrift? ClockDrift { get; init; }

    /// <summary>Ephemeral storage used, in MiB (Fargate).</summary>
    public long? EphemeralStorageUtilized { get; init; }

    /// <summary>Ephemeral storage reserved, in MiB (Fargate).</summary>
    public long? EphemeralStorageReserved { get; init; }

    /// <summary>Task tags as a compact JSON object (<c>/taskWithTags</c> only), or null.</summary>
    public string? TaskTagsJson { get; init; }

    /// <summary>Container instance tags as a compact JSON object (<c>/taskWithTags</c> on EC2), or null.</summary>
    public string? ContainerInstanceTagsJson { get; init; }

    /// <summary>The <c>Errors</c> array (tag lookups the agent could not do) as compact JSON, or null.</summary>
    public string? ErrorsJson { get; init; }

    /// <summary>Containers of the task, the agent's internal ones (pause) included.</summary>
    public IReadOnlyList<EcsContainer> Containers { get; init; } = [];

    /// <summary>The parsed task ARN (region, account, task id), or null when absent or malformed.</summary>
    public EcsArn? Arn => EcsArn.TryParse(TaskArn, out var arn) ? arn : null;

    /// <summary>The cluster name: the last segment of a cluster ARN, or the short name as sent.</summary>
    public string? ClusterName => EcsArn.TryParse(Cluster, out var arn) ? arn.ResourceId : Cluster;
}
