// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin.Protocol;

/// <summary>The answer to a status request (PROTOCOL.md, "status").</summary>
public sealed class StatusReport
{
    /// <summary>Agent version.</summary>
    public string Version { get; set; } = "";

    /// <summary>Random id of this agent instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>Agent pid.</summary>
    public int Pid { get; set; }

    /// <summary>Agent effective uid.</summary>
    public int Uid { get; set; }

    /// <summary>UNIX time the agent started.</summary>
    public long StartTime { get; set; }

    /// <summary>Seconds since start.</summary>
    public long UptimeSeconds { get; set; }

    /// <summary>The socket the server listens on.</summary>
    public string Socket { get; set; } = "";

    /// <summary>The admin server's own counters.</summary>
    public AdminCounters Admin { get; set; } = new();

    /// <summary>One entry per event buffer.</summary>
    public IReadOnlyList<EventTableStatus> EventTables { get; set; } = [];

    /// <summary>One entry per event publisher that reported its state.</summary>
    public IReadOnlyList<PublisherState> Publishers { get; set; } = [];

    /// <summary>One entry per registered <see cref="Core.IStatusSource"/> (tracer, scheduler, backend).</summary>
    public IReadOnlyList<StatusSection> Sections { get; set; } = [];
}

/// <summary>Counters of the admin server since start; every refused or dropped client is counted here.</summary>
public sealed class AdminCounters
{
    /// <summary>Connections accepted, refused ones included.</summary>
    public long Connections { get; set; }

    /// <summary>Clients connected now.</summary>
    public long ClientsActive { get; set; }

    /// <summary>Connected clients waiting for their next request (the ones a newcomer may evict), now.</summary>
    public int ClientsIdle { get; set; }

    /// <summary>Connections refused by the peer-credential check.</summary>
    public long Refused { get; set; }

    /// <summary>Connections refused because <see cref="AdminServerOptions.MaxClients"/> were connected.</summary>
    public long RefusedBusy { get; set; }

    /// <summary>Queries answered with rows.</summary>
    public long Queries { get; set; }

    /// <summary>Queries answered with an error (SQL errors, limits, time-outs included).</summary>
    public long QueryErrors { get; set; }

    /// <summary>Queries stopped at the time limit.</summary>
    public long Timeouts { get; set; }

    /// <summary>Frames that were not valid requests (garbage, oversized, bad JSON).</summary>
    public long BadFrames { get; set; }

    /// <summary>Clients dropped because they did not read their response, sent a frame too slowly, or stayed idle.</summary>
    public long DroppedClients { get; set; }

    /// <summary>Queries cancelled because their client went away.</summary>
    public long Abandoned { get; set; }

    /// <summary>Idle clients closed to give their slot to a newcomer when every slot was taken.</summary>
    public long Evicted { get; set; }

    /// <summary>Queries stopped at the memory budget (SQLite's heap, a value's length, or result bytes).</summary>
    public long OverBudget { get; set; }

    /// <summary>SQL hosts serving queries in parallel.</summary>
    public int Workers { get; set; }

    /// <summary>Workers running a query now.</summary>
    public int WorkersBusy { get; set; }

    /// <summary>A copy, for a snapshot of counters that keep changing.</summary>
    internal AdminCounters Copy() => (AdminCounters)MemberwiseClone();
}

/// <summary>State of one event buffer.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Publisher">Publisher feeding it.</param>
/// <param name="Added">Rows ever added.</param>
/// <param name="Dropped">Rows dropped (buffer full or lost before the buffer).</param>
/// <param name="Expired">Rows expired.</param>
/// <param name="Count">Rows held now.</param>
/// <param name="Capacity">Most rows kept.</param>
public sealed record EventTableStatus(string Name, string Publisher, long Added, long Dropped, long Expired, long Count, long Capacity);

/// <summary>State of one event publisher.</summary>
/// <param name="Name">Publisher name.</param>
/// <param name="Active">Whether it delivers events.</param>
/// <param name="Message">Why not, or a summary.</param>
/// <param name="Dropped">Events lost before reaching a buffer.</param>
public sealed record PublisherState(string Name, bool Active, string Message, long Dropped);

/// <summary>The values of one <see cref="Core.IStatusSource"/>, in its order.</summary>
public sealed class StatusSection
{
    /// <summary>Section name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Name/value pairs; values are null, bool, integer, real or string.</summary>
    [JsonConverter(typeof(StatusValuesJsonConverter))]
    public IReadOnlyList<KeyValuePair<string, object?>> Values { get; set; } = [];
}
