// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>Services shared by every table of one agent or one CLI invocation.</summary>
public sealed class TableContext
{
    /// <summary>A context with the default services.</summary>
    public TableContext()
    {
    }

    private TableContext(TableContext other, HostFileSystem fs)
    {
        Fs = fs;
        Agent = other.Agent;
        events = other.events;
        budget = other.budget;
        Time = other.Time;
        Registry = other.Registry;
        Services = other.Services;
    }

    /// <summary>The file-system seam.</summary>
    public HostFileSystem Fs { get; init; } = new();

    /// <summary>Facts about the agent.</summary>
    public AgentInfo Agent { get; init; } = new();

    private readonly EventRegistry events = new();
    private MemoryBudget budget = MemoryBudget.Default;

    /// <summary>Event buffers and publishers; their rows are charged to <see cref="Budget"/>'s event share.</summary>
    public EventRegistry Events
    {
        get => events;
        init
        {
            events = value;
            events.Account ??= budget.Events;
        }
    }

    /// <summary>The agent's memory budget (SQLite's heap, results, event and log buffers); the default budget unless the
    /// agent detected or was given one.</summary>
    public MemoryBudget Budget
    {
        get => budget;
        init
        {
            budget = value;
            events.Account = value.Events;
        }
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Every registered table, for the introspection tables.</summary>
    public IReadOnlyList<TableRegistration> Registry { get; set; } = [];

    /// <summary>Services of other subsystems that some tables read (the ECS metadata client, the tracer's state, the FIM
    /// configuration), keyed by type so that each subsystem adds its own without touching this class.</summary>
    public ServiceBag Services { get; private init; } = new();

    /// <summary>A context that reads files through <paramref name="fs"/> and shares every other service with this one:
    /// how a table runs in another process's mount namespace (<c>pid_with_namespace</c>, docs/osquery-compat.md §0).</summary>
    public TableContext WithFileSystem(HostFileSystem fs) => new(this, fs);
}
