// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>An event table that reads the buffer its subscriber fills, with the <c>time</c> range pushed down to the
/// buffer so <c>where time &gt; N</c> copies only the newer rows and a scheduled query sees each event once (its
/// bookmark; docs/events.md).</summary>
/// <param name="context">Services shared by all tables.</param>
/// <param name="publisher">The publisher the buffer is kept under.</param>
public abstract class EventTableBase(TableContext context, string publisher) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query) => Context.Events.Buffer(Schema, publisher).Read(query);
}
