// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per event publisher and per event table (subscriber), with every loss counted: a publisher's own
/// drops (kernel queue overflow), and per buffer the rows evicted because it was full and the rows that expired.</summary>
public sealed partial class OsqueryEventsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var buffers = Context.Events.Buffers;
        var publishers = Context.Events.Publishers.ToDictionary(p => p.Name, StringComparer.Ordinal);

        // A buffer can name a publisher that never reported a status (not started yet): it still gets a row.
        var names = publishers.Keys.Concat(buffers.Select(b => b.Publisher)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            publishers.TryGetValue(name, out var status);
            var mine = buffers.Where(b => b.Publisher == name).ToList();
            var row = NewRow();
            row.Name = name;
            row.Publisher = name;
            row.Type = "publisher";
            row.Subscriptions = (long)mine.Count;
            row.Events = mine.Sum(b => b.Added);
            row.Refreshes = 0L;
            row.Active = status is { Active: true } ? 1 : 0;
            row.Buffered = (long)mine.Sum(b => b.Count);
            row.Dropped = status?.Dropped ?? 0;
            row.Expired = mine.Sum(b => b.Expired);
            row.Message = status?.Message ?? "no status reported";
            yield return row;
        }

        foreach (var b in buffers.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            publishers.TryGetValue(b.Publisher, out var status);
            var row = NewRow();
            row.Name = b.Name;
            row.Publisher = b.Publisher;
            row.Type = "subscriber";
            row.Subscriptions = 1L;
            row.Events = b.Added;
            row.Refreshes = 0L;
            row.Active = status is { Active: true } ? 1 : 0;
            row.Buffered = (long)b.Count;
            row.Dropped = b.Dropped;
            row.Expired = b.Expired;
            row.Message = $"capacity {b.Capacity}, expiry {(long)b.Expiry.TotalSeconds}s";
            yield return row;
        }
    }
}
