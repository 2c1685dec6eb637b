// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin.Protocol;

/// <summary>Source-generated serializers for every frame (reflection-based JSON is disabled in this build).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AdminRequest))]
[JsonSerializable(typeof(AdminResponse))]
[JsonSerializable(typeof(StatusReport))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
