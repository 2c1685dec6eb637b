// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Environment variables of every process (or of the pids an <c>=</c>/<c>IN</c> constraint names) from
/// /proc/[pid]/environ: the environment the process started with, as the kernel keeps it.</summary>
public sealed partial class ProcessEnvsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var pids = ProcessSelection.Pids(query, C.Pid, fs);
        foreach (var pid in pids)
        {
            // A process that exited mid-scan (ENOENT/ESRCH) or one we may not read (EACCES) is skipped, not an error.
            // Through task/<pid>/ first: the same environment, but not the inode the sensitive-read watch covers, so the
            // agent's own query raises no "read environ" alert (docs/tracer.md §5).
            var dir = fs.OpenProcess(pid);
            if (!fs.TryReadAllBytes(dir + "/task/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ", out var raw) && !fs.TryReadAllBytes(dir + "/environ", out raw))
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
