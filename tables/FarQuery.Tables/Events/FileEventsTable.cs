// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Reads the rows <see cref="FileEventsSubscriber"/> buffered from the inotify publisher, with a
/// <c>time</c> range pushed down to the buffer so <c>where time &gt; N</c> copies only the newer rows.</summary>
public sealed partial class FileEventsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        // The time range is pushed down, and a scheduled query sees each event once (its bookmark).
        return Context.Events.Buffer(Spec, "inotify").Read(query);
    }
}
