// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Scheduling;

/// <summary>The differential state of one scheduled query and osquery's rules for it (docs/osquery-compat.md §4.5, §5).</summary>
public sealed class Differential
{
    private Dictionary<string, LogRow>? previous;

    /// <summary>The epoch the stored results belong to.</summary>
    public long Epoch { get; private set; } = -1;

    /// <summary>The counter of the last logged run.</summary>
    public long Counter { get; private set; }

    /// <summary>Computes what to log for a run. Event-based queries log every row as added and never diff; other
    /// queries log everything on their first run in an epoch (counter 0), then only changes (counter + 1).</summary>
    /// <returns>Rows added and removed, the counter to log, and whether anything is to be logged.</returns>
    public (IReadOnlyList<LogRow> Added, IReadOnlyList<LogRow> Removed, long Counter, bool Log) Update(IReadOnlyList<LogRow> rows, long epoch, bool eventBased)
    {
        var initial = Epoch != epoch;
        Epoch = epoch;
        if (eventBased)
        {
            if (initial)
            {
                Counter = 0;
            }

            if (rows.Count == 0)
            {
                return ([], [], Counter, false);
            }

            Counter++;
            return (rows, [], Counter, true);
        }

        var current = new Dictionary<string, LogRow>(rows.Count);
        foreach (var r in rows)
        {
            current.TryAdd(r.Key, r);
        }

        if (initial || previous is null)
        {
            previous = current;
            Counter = 0;
            return ([.. current.Values], [], 0, true);
        }

        var added = current.Where(kv => !previous.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
        var removed = previous.Where(kv => !current.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
        previous = current;
        if (added.Count == 0 && removed.Count == 0)
        {
            return ([], [], Counter, false);
        }

        Counter++;
        return (added, removed, Counter, true);
    }
}
