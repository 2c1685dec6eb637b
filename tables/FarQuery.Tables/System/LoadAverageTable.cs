// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, as text with six decimals like osquery's.</summary>
public sealed partial class LoadAverageTable(TableContext context) : Table(context)
{
    private static readonly string[] Periods = ["1m", "5m", "15m"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/loadavg", out var bytes))
        {
            yield break;
        }

        var averages = LoadAvg.Parse(bytes);
        for (var i = 0; i < averages.Count; i++)
        {
            var row = NewRow();
            row.Period = Periods[i];
            row.Average = averages[i].ToString("F6", CultureInfo.InvariantCulture);
            yield return row;
        }
    }
}
