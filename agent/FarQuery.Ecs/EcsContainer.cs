// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>A container object: the body of <c>${uri}</c> and each element of <c>Containers</c> (docs/ecs-and-ssm.md §1.2).
/// Missing fields are null (a task that is still starting lacks timestamps and limits); timestamps are the strings as
/// sent, because System.Text.Json truncates and DateTimeOffset.Parse rounds their nine fractional digits.</summary>
public sealed record EcsContainer
{
    /// <summary>Docker id: 64 hex on EC2, <c>&lt;task id&gt;-&lt;digits&gt;</c> on Fargate.</summary>
    public string? DockerId { get; init; }

    /// <summary>Container name from the task definition.</summary>
    public string? Name { get; init; }

    /// <summary>Docker's name (agent-generated on EC2, equal to <see cref="Name"/> on Fargate).</summary>
    public string? DockerName { get; init; }

    /// <summary>Image reference as in the task definition.</summary>
    public string? Image { get; init; }

    /// <summary>Image digest (<c>sha256:…</c>); empty for the EC2 pause container.</summary>
    public string? ImageId { get; init; }

    /// <summary>Docker labels as a compact JSON object, or null when absent.</summary>
    public string? LabelsJson { get; init; }

    /// <summary>Status the agent drives the container to.</summary>
    public string? DesiredStatus { get; init; }

    /// <summary>Last status the agent saw (NONE, PULLED, CREATED, RUNNING, STOPPED, …).</summary>
    public string? KnownStatus { get; init; }

    /// <summary>Exit code, only after the container stopped.</summary>
    public long? ExitCode { get; init; }

    /// <summary>CPU units reserved for the container (1024 = one vCPU).</summary>
    public double? CpuLimit { get; init; }

    /// <summary>Memory limit in MiB.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>When the container was created, as sent.</summary>
    public string? CreatedAt { get; init; }

    /// <summary>When the container started, as sent.</summary>
    public string? StartedAt { get; init; }

    /// <summary>When the container stopped, as sent.</summary>
    public string? FinishedAt { get; init; }

    /// <summary>NORMAL for task-definition containers; other values (CNI_PAUSE) are the agent's own.</summary>
    public string? Type { get; init; }

    /// <summary>Networks of the container.</summary>
    public IReadOnlyList<EcsNetwork> Networks { get; init; } = [];

    /// <summary>Port mappings as a compact JSON array, or null.</summary>
    public string? PortsJson { get; init; }

    /// <summary>Health check status (<c>Health.status</c>), when a health check is defined.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>Log driver (awslogs, awsfirelens, …).</summary>
    public string? LogDriver { get; init; }

    /// <summary>Log driver options as a compact JSON object, or null.</summary>
    public string? LogOptionsJson { get; init; }

    /// <summary>Container ARN.</summary>
    public string? ContainerArn { get; init; }

    /// <summary>Snapshotter (overlayfs, soci), v4 only.</summary>
    public string? Snapshotter { get; init; }

    /// <summary>Restarts under a restart policy.</summary>
    public long? RestartCount { get; init; }

    /// <summary>Clock drift, where an older Fargate platform nested it inside the container.</summary>
    public EcsClockDrift? ClockDrift { get; init; }
}
