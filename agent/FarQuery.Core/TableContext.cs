// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Services shared by every table of one agent or one CLI invocation.</summary>
public sealed class TableContext
{
    /// <summary>The file-system seam.</summary>
    public HostFileSystem Fs { get; init; } = new();

    /// <summary>Facts about the agent.</summary>
    public AgentInfo Agent { get; init; } = new();

    /// <summary>Event buffers and publishers.</summary>
    public EventRegistry Events { get; init; } = new();

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Every registered table, for the introspection tables.</summary>
    public IReadOnlyList<TableRegistration> Registry { get; set; } = [];

    /// <summary>Services of other subsystems that some tables read (the ECS metadata client, the tracer's state, the FIM
    /// configuration), keyed by type so that each subsystem adds its own without touching this class.</summary>
    public ServiceBag Services { get; } = new();
}
