// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>The bound on one query's directory walks: every entry listed is counted against a maximum and checks the
/// query's cancellation, so a pattern over a huge tree (or a tree made to trap walkers) ends with a clear error
/// instead of holding the query worker. Depth caps and not following symlinked directories are the walkers' part.</summary>
public sealed class WalkBudget(string table, int maxEntries, CancellationToken cancellation)
{
    /// <summary>The default entry cap of one query's walks (docs/tables-and-paths.md).</summary>
    public const int DefaultMaxEntries = 100_000;

    private int taken;

    /// <summary>The cap.</summary>
    public int MaxEntries { get; } = maxEntries;

    /// <summary>Entries counted so far.</summary>
    public int Taken => taken;

    /// <summary>The query's cancellation.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>A budget with the default cap for a table's query.</summary>
    public static WalkBudget For(string table, QueryContext query) => new(table, DefaultMaxEntries, query.Cancellation);

    /// <summary>Counts <paramref name="entries"/> listed entries; throws <see cref="OperationCanceledException"/> past the
    /// query's deadline and <see cref="WalkLimitException"/> past the cap.</summary>
    public void Take(int entries = 1)
    {
        Cancellation.ThrowIfCancellationRequested();
        taken += entries;
        if (taken > MaxEntries)
        {
            throw new WalkLimitException(
                $"{table}: the directory walk passed {MaxEntries} entries, the limit of one query; name a narrower path or directory");
        }
    }
}

/// <summary>A query's directory walk passed its entry cap; the message says so and how to avoid it.</summary>
public sealed class WalkLimitException(string message) : Exception(message);
