// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Scrapes each url of the config's <see cref="PrometheusTargets"/> when queried (through
/// <see cref="HttpFetch"/>, bounded by the section's timeout, the query's deadline and <see cref="MaxBody"/>) and
/// yields one row per sample (<see cref="PrometheusSample.Parse"/>). A target that fails or answers other than 200
/// gives no rows, as osquery's.</summary>
public sealed partial class PrometheusMetricsTable(TableContext context) : Table(context)
{
    /// <summary>The most of one target's body read.</summary>
    internal const int MaxBody = 4 << 20;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var targets = Context.Services.Get<PrometheusTargets>() ?? PrometheusTargets.None;
        var samples = new List<PrometheusSample>();
        foreach (var url in targets.Urls)
        {
            var response = HttpFetch.Get(url, userAgent: null, targets.Timeout, MaxBody, query.Cancellation);
            var scraped = Context.Time.GetUtcNow().ToUnixTimeMilliseconds();
            if (response.Status != 200)
            {
                continue;
            }

            samples.Clear();
            PrometheusSample.Parse(response.Body, samples);
            foreach (var s in samples)
            {
                var row = NewRow();
                row.TargetName = url;
                row.MetricName = s.Name;
                row.MetricValue = s.Value;
                row.TimestampMs = s.TimestampMs ?? scraped;
                yield return row;
            }
        }
    }
}
