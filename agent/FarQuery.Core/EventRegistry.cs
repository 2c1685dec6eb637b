// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>Every event buffer and publisher of one agent, for the event tables and <c>osquery_events</c>.</summary>
public sealed class EventRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, EventBuffer> buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PublisherStatus> publishers = new(StringComparer.Ordinal);

    /// <summary>The budget share every buffer's rows are charged to (null: not charged); set before the first buffer
    /// is created.</summary>
    public MemoryAccount? Account { get; set; }

    /// <summary>Raised by every buffer when it gets a row (the scheduler waits on it).</summary>
    public EventSignal Added { get; } = new();

    private int capacity = 50_000;
    private TimeSpan expiry = TimeSpan.FromHours(1);
    private bool disabled;

    /// <summary>Applies osquery's <c>events_max</c>, <c>events_expiry</c> and <c>disable_events</c> to every buffer, now
    /// and created later (each config in force calls this).</summary>
    public void Configure(int maxRows, TimeSpan maxAge, bool disable)
    {
        lock (gate)
        {
            (capacity, expiry, disabled) = (Math.Max(1, maxRows), maxAge, disable);
            foreach (var b in buffers.Values)
            {
                (b.Capacity, b.Expiry, b.Disabled) = (capacity, expiry, disabled);
            }
        }
    }

    /// <summary>The buffer of an event table, created on first use.</summary>
    public EventBuffer Buffer(TableSchema schema, string publisher)
    {
        lock (gate)
        {
            if (!buffers.TryGetValue(schema.Name, out var buffer))
            {
                buffer = new EventBuffer(schema, publisher, capacity, expiry, account: Account) { Disabled = disabled, Signal = Added };
                buffers.Add(schema.Name, buffer);
            }

            return buffer;
        }
    }

    /// <summary>All buffers created so far.</summary>
    public IReadOnlyList<EventBuffer> Buffers
    {
        get
        {
            lock (gate)
            {
                return [.. buffers.Values];
            }
        }
    }

    /// <summary>Records a publisher's state (active or not, and why).</summary>
    public void SetPublisher(PublisherStatus status)
    {
        lock (gate)
        {
            publishers[status.Name] = status;
        }
    }

    /// <summary>The state of every publisher that reported one.</summary>
    public IReadOnlyList<PublisherStatus> Publishers
    {
        get
        {
            lock (gate)
            {
                return [.. publishers.Values];
            }
        }
    }
}

/// <summary>The state of one event publisher.</summary>
/// <param name="Name">Publisher name (ptrace, inotify).</param>
/// <param name="Active">Whether it is delivering events.</param>
/// <param name="Message">Why not, or a summary.</param>
/// <param name="Dropped">Events the publisher lost before they reached a buffer (kernel queue overflow and the like).</param>
public sealed record PublisherStatus(string Name, bool Active, string Message, long Dropped = 0);
