// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Which processes a per-process table reads: the pids an <c>=</c>/<c>IN</c> constraint names (only those that
/// can be pids), or every process in /proc.</summary>
internal static class ProcessSelection
{
    /// <summary>The pids constrained on <paramref name="column"/>, or all of them.</summary>
    public static IEnumerable<int> Pids(QueryContext query, int column, HostFileSystem fs) =>
        query.IntegerEquals(column) is { } wanted
            ? wanted.Where(p => p is > 0 and <= int.MaxValue).Select(p => (int)p)
            : fs.ListPids();
}
