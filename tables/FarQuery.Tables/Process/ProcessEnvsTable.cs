// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Environment variables of every process (or of the pids an <c>=</c>/<c>IN</c> constraint names) from
/// /proc/[pid]/environ: the environment the process started with, as the kernel keeps it.</summary>
public sealed partial class ProcessEnvsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        IEnumerable<int> pids = query.IntegerEquals(C.Pid) is { } wanted
            ? wanted.Where(p => p is > 0 and <= int.MaxValue).Select(p => (int)p)
            : fs.ListPids();
        foreach (var pid in pids)
        {
            // A process that exited mid-scan (ENOENT/ESRCH) or one we may not read (EACCES) is skipped, not an error.
            if (!fs.TryReadAllBytes(fs.OpenProcess(pid) + "/environ", out var raw))
            {
                continue;
            }

            foreach (var (key, value) in ProcEnviron.Parse(raw))
            {
                var row = NewRow();
                row.Pid = pid;
                row.Key = key;
                row.Value = value;
                yield return row;
            }
        }
    }
}
