// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per container of the ECS task (<c>${ECS_CONTAINER_METADATA_URI_V4}/task</c>), with <c>is_self</c>
/// marking the container whose <c>${uri}</c> the agent reads. When <c>/task</c> cannot be read but <c>${uri}</c> can,
/// the own container is still listed. Outside ECS, no rows; the reason is in the <c>ecs_metadata</c> publisher status.</summary>
public sealed partial class EcsMetadataTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var client = EcsTableSupport.Client(Context);
        var task = client.GetTask(false, query.Cancellation).Value;
        var needSelf = query.IsUsed(C.IsSelf) || task is null;
        var self = needSelf ? client.GetContainer(query.Cancellation).Value : null;
        EcsTableSupport.Report(Context, client);

        IReadOnlyList<EcsContainer> containers = task?.Containers ?? (self is null ? [] : [self]);
        var wanted = query.TextEquals(C.DockerId);
        foreach (var c in containers)
        {
            if (!EcsTableSupport.Allowed(wanted, c.DockerId))
            {
                continue;
            }

            yield return RowFor(c, task, self);
        }
    }

    private static Row RowFor(EcsContainer c, EcsTask? task, EcsContainer? self)
    {
        var first = c.Networks.Count > 0 ? c.Networks[0] : null;
        var row = NewRow();
        row.DockerId = c.DockerId;
        row.Name = c.Name;
        row.DockerName = c.DockerName;
        row.Image = c.Image;
        row.ImageId = c.ImageId;
        row.Labels = c.LabelsJson;
        row.DesiredStatus = c.DesiredStatus;
        row.KnownStatus = c.KnownStatus;
        row.ExitCode = c.ExitCode;
        row.CpuLimit = c.CpuLimit;
        row.MemoryLimit = c.MemoryLimit;
        row.CreatedAt = c.CreatedAt;
        row.StartedAt = c.StartedAt;
        row.FinishedAt = c.FinishedAt;
        row.Type = c.Type;
        row.NetworkMode = first?.NetworkMode;
        row.Ipv4Addresses = EcsTableSupport.Join(c.Networks.SelectMany(n => n.IPv4Addresses));
        row.Ipv6Addresses = EcsTableSupport.Join(c.Networks.SelectMany(n => n.IPv6Addresses));
        row.MacAddress = first?.MacAddress;
        row.Ipv4SubnetCidrBlock = first?.IPv4SubnetCidrBlock;
        row.Ipv6SubnetCidrBlock = first?.IPv6SubnetCidrBlock;
        row.SubnetGatewayIpv4Address = first?.SubnetGatewayIpv4Address;
        row.PrivateDnsName = first?.PrivateDnsName;
        row.DomainNameServers = first is null ? null : EcsTableSupport.Join(first.DomainNameServers);
        row.ContainerArn = c.ContainerArn;
        row.LogDriver = c.LogDriver;
        row.LogOptions = c.LogOptionsJson;
        row.RestartCount = c.RestartCount;
        row.Snapshotter = c.Snapshotter;
        row.HealthStatus = c.HealthStatus;
        row.Ports = c.PortsJson;
        row.IsSelf = EcsTableSupport.IsSelf(c.DockerId, self?.DockerId);
        row.TaskArn = task?.TaskArn;
        return row;
    }
}
