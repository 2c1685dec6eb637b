// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Ecs;

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

            yield return Row(c, task, self);
        }
    }

    private object?[] Row(EcsContainer c, EcsTask? task, EcsContainer? self)
    {
        var first = c.Networks.Count > 0 ? c.Networks[0] : null;
        var row = NewRow();
        row[C.DockerId] = c.DockerId;
        row[C.Name] = c.Name;
        row[C.DockerName] = c.DockerName;
        row[C.Image] = c.Image;
        row[C.ImageId] = c.ImageId;
        row[C.Labels] = c.LabelsJson;
        row[C.DesiredStatus] = c.DesiredStatus;
        row[C.KnownStatus] = c.KnownStatus;
        row[C.ExitCode] = c.ExitCode;
        row[C.CpuLimit] = c.CpuLimit;
        row[C.MemoryLimit] = c.MemoryLimit;
        row[C.CreatedAt] = c.CreatedAt;
        row[C.StartedAt] = c.StartedAt;
        row[C.FinishedAt] = c.FinishedAt;
        row[C.Type] = c.Type;
        row[C.NetworkMode] = first?.NetworkMode;
        row[C.Ipv4Addresses] = EcsTableSupport.Join(c.Networks.SelectMany(n => n.IPv4Addresses));
        row[C.Ipv6Addresses] = EcsTableSupport.Join(c.Networks.SelectMany(n => n.IPv6Addresses));
        row[C.MacAddress] = first?.MacAddress;
        row[C.Ipv4SubnetCidrBlock] = first?.IPv4SubnetCidrBlock;
        row[C.Ipv6SubnetCidrBlock] = first?.IPv6SubnetCidrBlock;
        row[C.SubnetGatewayIpv4Address] = first?.SubnetGatewayIpv4Address;
        row[C.PrivateDnsName] = first?.PrivateDnsName;
        row[C.DomainNameServers] = first is null ? null : EcsTableSupport.Join(first.DomainNameServers);
        row[C.ContainerArn] = c.ContainerArn;
        row[C.LogDriver] = c.LogDriver;
        row[C.LogOptions] = c.LogOptionsJson;
        row[C.RestartCount] = c.RestartCount;
        row[C.Snapshotter] = c.Snapshotter;
        row[C.HealthStatus] = c.HealthStatus;
        row[C.Ports] = c.PortsJson;
        row[C.IsSelf] = EcsTableSupport.IsSelf(c.DockerId, self?.DockerId);
        row[C.TaskArn] = task?.TaskArn;
        return row;
    }
}
