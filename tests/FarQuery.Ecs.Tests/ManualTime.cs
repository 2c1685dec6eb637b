// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs.Tests;

/// <summary>A clock that moves only when told, so cache ages are tested without sleeping.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long ticks = TimeSpan.TicksPerDay;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
