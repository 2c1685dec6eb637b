// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>What a row says about its process and where it came from (Falco's proc.name, proc.pname, proc.pcmdline,
/// proc.aname[n]), kept by the tracer's task table (<see cref="TracedTasks"/>) so a row can name a parent that has exited.</summary>
/// <param name="Name">The process's comm.</param>
/// <param name="Cmdline">Its argv joined by spaces.</param>
/// <param name="Parent">Its parent pid, or -1.</param>
/// <param name="ParentName">The parent's comm.</param>
/// <param name="ParentPath">The parent's executable.</param>
/// <param name="ParentCmdline">The parent's command line.</param>
/// <param name="Ancestors">Up to five ancestors' names, nearest first, separated by spaces.</param>
/// <param name="StartTime">When the process started (its fork or clone, not its last exec), UNIX seconds; null when not
/// known. The basis of Falco's proc.duration (docs/falco-fields.md).</param>
public readonly record struct ProcessLineage(string? Name, string? Cmdline, long Parent, string? ParentName, string? ParentPath, string? ParentCmdline, string? Ancestors, long? StartTime = null)
{
    /// <summary>Nothing known.</summary>
    public static ProcessLineage Unknown { get; } = new(null, null, -1, null, null, null, null);
}
