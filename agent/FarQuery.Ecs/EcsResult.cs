// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>What a fetch gave: a value (fresh, or the last good one when the refresh failed) and/or an error.</summary>
/// <typeparam name="T">The parsed document.</typeparam>
/// <param name="Value">The document, or null when none was ever fetched successfully.</param>
/// <param name="Error">Why the last fetch failed, or null when it succeeded.</param>
public sealed record EcsResult<T>(T? Value, string? Error)
    where T : class
{
    /// <summary>True when the value is the last good one, kept because the refresh failed.</summary>
    public bool IsStale => Value is not null && Error is not null;
}
