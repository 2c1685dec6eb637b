// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Time since boot from /proc/uptime (for a Fargate task, since its microVM started).</summary>
public sealed partial class UptimeTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/uptime", out var bytes) || !ProcUptime.TryParse(bytes, out var seconds))
        {
            yield break;
        }

        var total = (long)seconds;
        var row = NewRow();
        row.Days = total / 86400;
        row.Hours = total % 86400 / 3600;
        row.Minutes = total % 3600 / 60;
        row.Seconds = total % 60;
        row.TotalSeconds = total;
        yield return row;
    }
}
