// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Serialization;

namespace FarQuery.Remote.Tls;

/// <summary>Body of the enroll request (docs/osquery-compat.md §2.2). Every host detail value is a string: Fleet decodes
/// <c>host_details</c> as <c>map[string]map[string]string</c>.</summary>
internal sealed class EnrollRequest
{
    public required string EnrollSecret { get; init; }

    public required string HostIdentifier { get; init; }

    /// <summary>The platform bitmask as a string: POSIX (0x01) | LINUX (0x08).</summary>
    public string PlatformType { get; init; } = "9";

    public required Dictionary<string, Dictionary<string, string>> HostDetails { get; init; }
}

/// <summary>Body of the config and distributed read requests.</summary>
internal sealed class NodeKeyRequest
{
    public required string NodeKey { get; init; }
}

/// <summary>Body of the distributed write request (docs/osquery-compat.md §2.5): row values are strings, statuses integers.</summary>
internal sealed class DistributedWriteRequest
{
    public required string NodeKey { get; init; }

    public Dictionary<string, List<Dictionary<string, string>>> Queries { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DistributedQueryStats> Stats { get; } = new(StringComparer.Ordinal);
}

/// <summary>Cost of one distributed query, as osquery reports it.</summary>
internal sealed class DistributedQueryStats
{
    public long WallTimeMs { get; init; }

    public long UserTime { get; init; }

    public long SystemTime { get; init; }

    public long Memory { get; init; }
}

/// <summary>Body of the carve session start (docs/osquery-compat.md §2.6).</summary>
internal sealed class CarveBeginRequest
{
    public long BlockCount { get; init; }

    public long BlockSize { get; init; }

    public long CarveSize { get; init; }

    public required string CarveId { get; init; }

    public required string RequestId { get; init; }

    public required string NodeKey { get; init; }
}

/// <summary>Source-generated serializers for every request body (no reflection, NativeAOT-safe). Responses are read
/// with <see cref="System.Text.Json.JsonDocument"/> because osquery checks field types by hand (a string
/// <c>accelerate</c> is ignored, <c>node_invalid</c> must be a bool).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EnrollRequest))]
[JsonSerializable(typeof(NodeKeyRequest))]
[JsonSerializable(typeof(DistributedWriteRequest))]
[JsonSerializable(typeof(CarveBeginRequest))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
