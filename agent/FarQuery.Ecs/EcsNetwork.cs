// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>One element of a container's <c>Networks</c> (docs/ecs-and-ssm.md §1.3). Every field is optional: v3 and bridge
/// networks carry only the mode and addresses.</summary>
public sealed record EcsNetwork
{
    /// <summary>awsvpc, bridge or host.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>IPv4 addresses.</summary>
    public IReadOnlyList<string> IPv4Addresses { get; init; } = [];

    /// <summary>IPv6 addresses (dual-stack tasks).</summary>
    public IReadOnlyList<string> IPv6Addresses { get; init; } = [];

    /// <summary>Index of the ENI attachment.</summary>
    public long? AttachmentIndex { get; init; }

    /// <summary>MAC address of the ENI.</summary>
    public string? MacAddress { get; init; }

    /// <summary>IPv4 subnet, as CIDR.</summary>
    public string? IPv4SubnetCidrBlock { get; init; }

    /// <summary>IPv6 subnet, as CIDR.</summary>
    public string? IPv6SubnetCidrBlock { get; init; }

    /// <summary>DNS servers.</summary>
    public IReadOnlyList<string> DomainNameServers { get; init; } = [];

    /// <summary>DNS search domains.</summary>
    public IReadOnlyList<string> DomainNameSearchList { get; init; } = [];

    /// <summary>Private DNS name of the ENI.</summary>
    public string? PrivateDnsName { get; init; }

    /// <summary>Gateway with a prefix length (<c>10.0.2.1/24</c>); kept as text, it is not an address.</summary>
    public string? SubnetGatewayIpv4Address { get; init; }

    /// <summary>IPv6 gateway with a prefix length.</summary>
    public string? SubnetGatewayIpv6Address { get; init; }
}
