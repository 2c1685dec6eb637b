// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Scheduler.Scheduling;

/// <summary>Settings of the scheduler that do not come from the osquery config.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Time budget of one run; past it the query is stopped and deny-listed.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a deny-listed query stays stopped (osquery: one day).</summary>
    public TimeSpan DenylistDuration { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Most rows one run may return.</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>The hostname used for sharding.</summary>
    public string Hostname { get; init; } = Environment.MachineName;
}
