// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The config's <c>prometheus_targets</c> section, osquery's shape: <c>{"timeout": seconds, "urls": [...]}</c>.
/// The agent puts the section in force in <c>TableContext.Services</c>; prometheus_metrics scrapes its urls.</summary>
/// <param name="Urls">The targets, in the config's order.</param>
/// <param name="Timeout">How long one scrape may take (osquery's default: 1 s).</param>
public sealed record PrometheusTargets(IReadOnlyList<string> Urls, TimeSpan Timeout)
{
    /// <summary>The config key.</summary>
    public const string Key = "prometheus_targets";

    /// <summary>osquery's default scrape timeout.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>No targets.</summary>
    public static PrometheusTargets None { get; } = new([], DefaultTimeout);

    /// <summary>Reads the section's raw JSON; <see cref="None"/> when it is absent or not an object. Urls that are not
    /// strings are skipped; a timeout that is not a positive number keeps the default.</summary>
    public static PrometheusTargets FromSection(string? json)
    {
        if (json is null)
        {
            return None;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            var urls = root.TryGetProperty("urls", out var u) && u.ValueKind == JsonValueKind.Array
                ? u.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            var timeout = root.TryGetProperty("timeout", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : DefaultTimeout;
            return new PrometheusTargets(urls, timeout);
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
