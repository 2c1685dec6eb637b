// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>osquery's per-query event bookmark (docs/osquery-compat.md §5, <c>events_optimize</c>): each scheduled query sees each
/// event once. Scans record the last eid they saw as pending; the scheduler commits after the query succeeded, so a
/// failed run sees the same events again and a self-join sees the same events in both scans.</summary>
public sealed class EventBookmarks
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> pending = new(StringComparer.Ordinal);

    /// <summary>The last committed eid for an event table (0 when the query never read it).</summary>
    public long Get(string table)
    {
        lock (gate)
        {
            return committed.TryGetValue(table, out var eid) ? eid : 0;
        }
    }

    /// <summary>Records that a scan saw events up to <paramref name="lastEid"/>.</summary>
    public void Observe(string table, long lastEid)
    {
        lock (gate)
        {
            pending[table] = Math.Max(lastEid, pending.TryGetValue(table, out var e) ? e : 0);
        }
    }

    /// <summary>True when the last run read at least one event table.</summary>
    public bool HasPending
    {
        get
        {
            lock (gate)
            {
                return pending.Count > 0;
            }
        }
    }

    /// <summary>Makes the pending positions the committed ones; returns whether any event table was read.</summary>
    public bool Commit()
    {
        lock (gate)
        {
            var any = pending.Count > 0;
            foreach (var (table, eid) in pending)
            {
                committed[table] = eid;
            }

            pending.Clear();
            return any;
        }
    }

    /// <summary>Forgets pending positions after a failed run.</summary>
    public void Rollback()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }
}
