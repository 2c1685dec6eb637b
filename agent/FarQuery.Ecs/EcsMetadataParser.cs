// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Ecs;

/// <summary>Parses the task and container documents of the task metadata endpoint (v3 and v4, docs/ecs-and-ssm.md §1.2–§1.4).
/// Pure functions over the response bytes: unknown fields are ignored, missing ones become null, and only a body that
/// is not a JSON object fails.</summary>
public static class EcsMetadataParser
{
    /// <summary>Parses <c>${uri}/task</c> or <c>${uri}/taskWithTags</c>.</summary>
    public static bool TryParseTask(ReadOnlySpan<byte> json, [NotNullWhen(true)] out EcsTask? task, out string error) =>
        TryParse(json, "task", ReadTask, out task, out error);

    /// <summary>Parses <c>${uri}</c>, the document of the calling container.</summary>
    public static bool TryParseContainer(ReadOnlySpan<byte> json, [NotNullWhen(true)] out EcsContainer? container, out string error) =>
        TryParse(json, "container", ReadContainer, out container, out error);

    private static bool TryParse<T>(ReadOnlySpan<byte> json, string what, Func<JsonElement, T> read, [NotNullWhen(true)] out T? value, out string error)
        where T : class
    {
        value = null;
        if (!TryRoot(json, what, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            value = read(document.RootElement);
            return true;
        }
    }

    /// <summary>Parses the body and checks that it is a JSON object.</summary>
    internal static bool TryRoot(ReadOnlySpan<byte> json, string what, [NotNullWhen(true)] out JsonDocument? document, out string error)
    {
        if (!JsonFields.TryParse(json, out document, out error))
        {
            error = $"{what} document: {error}";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = $"{what} document: expected a JSON object, got {document.RootElement.ValueKind}";
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    private static EcsTask ReadTask(JsonElement t)
    {
        var containers = t.Objects("Containers", ReadContainer);

        t.TryObject("Limits", out var limits);
        t.TryObject("EphemeralStorageMetrics", out var storage);
        return new EcsTask
        {
            Cluster = t.Str("Cluster"),
            TaskArn = t.Str("TaskARN"),
            Family = t.Str("Family"),
            Revision = t.Str("Revision"),
            DesiredStatus = t.Str("DesiredStatus"),
            KnownStatus = t.Str("KnownStatus"),
            CpuLimit = limits.Dbl("CPU"),
            MemoryLimit = limits.Int("Memory"),
            PullStartedAt = t.Str("PullStartedAt"),
            PullStoppedAt = t.Str("PullStoppedAt"),
            ExecutionStoppedAt = t.Str("ExecutionStoppedAt"),
            AvailabilityZone = t.Str("AvailabilityZone"),
            AvailabilityZoneId = t.Str("AvailabilityZoneID"),
            LaunchType = t.Str("LaunchType"),
            ServiceName = t.Str("ServiceName"),
            VpcId = t.Str("VPCID"),

            // An older Fargate platform nested ClockDrift inside the container instead (fargate-v4-task-2021-ipv6.json).
            ClockDrift = ReadClockDrift(t) ?? containers.Select(c => c.ClockDrift).FirstOrDefault(d => d is not null),
            EphemeralStorageUtilized = storage.Int("Utilized"),
            EphemeralStorageReserved = storage.Int("Reserved"),
            TaskTagsJson = t.CompactJson("TaskTags", JsonValueKind.Object),
            ContainerInstanceTagsJson = t.CompactJson("ContainerInstanceTags", JsonValueKind.Object),
            ErrorsJson = t.CompactJson("Errors", JsonValueKind.Array),
            Containers = containers,
        };
    }

    private static EcsContainer ReadContainer(JsonElement c)
    {
        var networks = c.Objects("Networks", ReadNetwork);

        c.TryObject("Limits", out var limits);
        c.TryObject("Health", out var health);
        return new EcsContainer
        {
            DockerId = c.Str("DockerId"),
            Name = c.Str("Name"),
            DockerName = c.Str("DockerName"),
            Image = c.Str("Image"),
            ImageId = c.Str("ImageID"),
            LabelsJson = c.CompactJson("Labels", JsonValueKind.Object),
            DesiredStatus = c.Str("DesiredStatus"),
            KnownStatus = c.Str("KnownStatus"),
            ExitCode = c.Int("ExitCode"),
            CpuLimit = limits.Dbl("CPU"),
            MemoryLimit = limits.Int("Memory"),
            CreatedAt = c.Str("CreatedAt"),
            StartedAt = c.Str("StartedAt"),
            FinishedAt = c.Str("FinishedAt"),
            Type = c.Str("Type"),
            Networks = networks,
            PortsJson = c.CompactJson("Ports", JsonValueKind.Array),

            // The agent serialises Health with lower-case keys (docs/ecs-and-ssm.md §1.2).
            HealthStatus = health.Str("status"),
            LogDriver = c.Str("LogDriver"),
            LogOptionsJson = c.CompactJson("LogOptions", JsonValueKind.Object),
            ContainerArn = c.Str("ContainerARN"),
            Snapshotter = c.Str("Snapshotter"),
            RestartCount = c.Int("RestartCount"),
            ClockDrift = ReadClockDrift(c),
        };
    }

    private static EcsNetwork ReadNetwork(JsonElement n) => new()
    {
        NetworkMode = n.Str("NetworkMode"),
        IPv4Addresses = n.Strings("IPv4Addresses"),
        IPv6Addresses = n.Strings("IPv6Addresses"),
        AttachmentIndex = n.Int("AttachmentIndex"),
        MacAddress = n.Str("MACAddress"),
        IPv4SubnetCidrBlock = n.Str("IPv4SubnetCIDRBlock"),
        IPv6SubnetCidrBlock = n.Str("IPv6SubnetCIDRBlock"),
        DomainNameServers = n.Strings("DomainNameServers"),
        DomainNameSearchList = n.Strings("DomainNameSearchList"),
        PrivateDnsName = n.Str("PrivateDNSName"),
        SubnetGatewayIpv4Address = n.Str("SubnetGatewayIpv4Address"),
        SubnetGatewayIpv6Address = n.Str("SubnetGatewayIpv6Address"),
    };

    private static EcsClockDrift? ReadClockDrift(JsonElement owner) =>
        owner.TryObject("ClockDrift", out var d)
            ? new EcsClockDrift(d.Dbl("ClockErrorBound"), d.Str("ReferenceTimestamp"), d.Str("ClockSynchronizationStatus"))
            : null;
}
