// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Carving;

namespace FarQuery.Tables;

/// <summary>The carver's requests, and the way to start one: <c>carve = 1</c> with path constraints expands them as the
/// file table does and hands the files to the agent's <see cref="Carver"/>, which checks and queues the work and returns
/// at once (docs/osquery-compat.md §2.6). The started carve's row has carve = 1, so SQLite's own check of
/// <c>carve = 1</c> keeps exactly that row.</summary>
public sealed partial class CarvesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var carver = Carver.Of(Context);
        CarveEntry? started = null;
        if (query.IntegerEquals(C.Carve)?.Contains(1) == true)
        {
            // No directory column: -1 matches no constraint, so only the path's =, LIKE and GLOB expand.
            var paths = FilePatterns.Expand(Context.Fs, query, C.Path, -1, Schema.Name).Select(t => t.Path).Take(Carver.MaxFiles + 1).ToList();
            if (paths.Count > 0)
            {
                started = carver.Request(paths);
            }
        }

        foreach (var entry in carver.Entries)
        {
            var (status, size, sha256) = entry.Snapshot();
            var row = NewRow();
            row.Time = entry.Time;
            row.Sha256 = sha256;
            row.Size = size;
            row.Path = entry.Path;
            row.Status = status;
            row.CarveGuid = entry.CarveGuid;
            row.RequestId = entry.RequestId;
            row.Carve = ReferenceEquals(entry, started) ? 1 : 0;
            yield return row;
        }
    }
}
