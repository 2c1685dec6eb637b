// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Response;

/// <summary>Reads the alerts out of one result log line, in any of osquery's shapes: event format (<c>columns</c>,
/// action <c>added</c>), batch (<c>diffResults.added</c>) and snapshot (<c>snapshot</c>). Rows without <c>rule</c> and
/// <c>priority</c> are not alerts; <c>removed</c> rows never are. A pure function: bad input gives no alerts.</summary>
public static class AlertParser
{
    /// <summary>The alerts in <paramref name="line"/>, or none.</summary>
    public static IReadOnlyList<Alert> Parse(string line)
    {
        if (!line.Contains("\"rule\"", StringComparison.Ordinal))
        {
            // Most result lines are not alerts; skip the parse.
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var query = Text(root, "name") ?? "";
            var host = Text(root, "hostIdentifier") ?? "";
            var time = root.TryGetProperty("unixTime", out var t) && (t.ValueKind == JsonValueKind.Number ? t.TryGetInt64(out var n) : long.TryParse(t.GetString(), out n)) ? n : 0;
            var decorations = root.TryGetProperty("decorations", out var d) && d.ValueKind == JsonValueKind.Object ? Strings(d) : new Dictionary<string, string?>();
            var alerts = new List<Alert>();
            if (root.TryGetProperty("columns", out var columns) && Text(root, "action") != "removed")
            {
                Add(columns);
            }

            if (root.TryGetProperty("snapshot", out var snapshot) && snapshot.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in snapshot.EnumerateArray())
                {
                    Add(row);
                }
            }

            if (root.TryGetProperty("diffResults", out var diff) && diff.ValueKind == JsonValueKind.Object && diff.TryGetProperty("added", out var added) && added.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in added.EnumerateArray())
                {
                    Add(row);
                }
            }

            return alerts;

            void Add(JsonElement row)
            {
                if (row.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                var values = Strings(row);
                if (values.GetValueOrDefault("rule") is not { Length: > 0 } rule || values.GetValueOrDefault("priority") is not { Length: > 0 } priority)
                {
                    return;
                }

                var tags = (values.GetValueOrDefault("tags") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                alerts.Add(new Alert(rule, priority.ToUpperInvariant(), tags, query, time, host, values, decorations));
            }
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    private static Dictionary<string, string?> Strings(JsonElement obj)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => null,
                _ => p.Value.GetRawText(),
            };
        }

        return values;
    }
}
