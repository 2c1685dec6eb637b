// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>An event table that reads the buffer its subscriber fills, with the <c>time</c> range pushed down to the
/// buffer so <c>where time &gt; N</c> copies only the newer rows and a scheduled query sees each event once (its
/// bookmark; docs/events.md). Equalities on its text columns are pushed down too, so a detection's
/// <c>syscall IN ('execve', 'execveat')</c> skips the other rows before SQLite reads them.</summary>
/// <param name="context">Services shared by all tables.</param>
/// <param name="publisher">The publisher the buffer is kept under.</param>
public abstract class EventTableBase(TableContext context, string publisher) : Table(context)
{
    /// <inheritdoc/>
    /// <remarks>The buffer's rows are what SQLite reads, so its filter (<see cref="EventBuffer.Read"/>) is exact.</remarks>
    public override bool FiltersTextEqualities => true;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query) => Context.Events.Buffer(Schema, publisher).Read(query);
}
