// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>The <c>ClockDrift</c> object: how far the host clock may be from true time (Fargate, docs/ecs-and-ssm.md §1.4).</summary>
/// <param name="ClockErrorBound">Bound of the clock error, in milliseconds.</param>
/// <param name="ReferenceTimestamp">When the bound was measured, as sent.</param>
/// <param name="ClockSynchronizationStatus">SYNCHRONIZED or NOT_SYNCHRONIZED.</param>
public sealed record EcsClockDrift(double? ClockErrorBound, string? ReferenceTimestamp, string? ClockSynchronizationStatus);
