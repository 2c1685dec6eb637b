// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>A subscriber that turns a publisher's events into rows of one event table and adds them to the table's
/// buffer (time and eid are the buffer's; docs/events.md).</summary>
/// <typeparam name="TEvent">What the publisher emits.</typeparam>
public abstract class EventSubscriberBase<TEvent> : IEventSubscriber<TEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's buffer of <paramref name="table"/>.</summary>
    protected EventSubscriberBase(TableContext context, TableSchema table, string publisher)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(table, publisher);
    }

    /// <inheritdoc/>
    public void OnEvent(TEvent e)
    {
        if (ToRow(e) is { } row)
        {
            buffer.Add(row);
        }
    }

    /// <summary>The row for <paramref name="e"/>, or null when the table does not show this kind of event.</summary>
    protected abstract object?[]? ToRow(TEvent e);
}
