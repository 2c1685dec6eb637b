// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>The client's health, for the publisher status the tables report.</summary>
/// <param name="Available">True when the endpoint exists and the last request succeeded.</param>
/// <param name="Message">What the client did last, or why it cannot.</param>
/// <param name="Failures">Fetches that failed (after their retries) since the client started.</param>
public sealed record EcsClientStatus(bool Available, string Message, long Failures);
