// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>What every ptrace event carries: the syscall, the process and thread, the time, and the lineage the tracer's
/// task table knows (docs/events.md). <see cref="ProcessEvent"/>, <see cref="SocketEvent"/> and <see cref="FileEvent"/>
/// add their own fields.</summary>
public abstract record TraceEvent
{
    /// <summary>Syscall or event name: execve, fork, exit, openat, connect, ...</summary>
    public required string Syscall { get; init; }

    /// <summary>Process id (thread-group id) in the agent's pid namespace.</summary>
    public long Pid { get; init; }

    /// <summary>Thread id that made the call.</summary>
    public long Tid { get; init; }

    /// <summary>UNIX time of the event.</summary>
    public long Time { get; init; }

    /// <summary>Seconds since boot at the event.</summary>
    public long Uptime { get; init; }

    /// <summary>The process's name and command line and its parent and ancestors, from the tracer's task table.</summary>
    public ProcessLineage Lineage { get; init; } = ProcessLineage.Unknown;
}
