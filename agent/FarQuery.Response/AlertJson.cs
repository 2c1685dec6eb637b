// SPDX-License-Identifier: Apache-2.0
using System.Text;

namespace FarQuery.Response;

/// <summary>The bodies an alert is sent as: FarQuery's JSON (the same for NATS and generic webhooks) and a
/// Slack-compatible message (<c>text</c> plus blocks), built with Utf8JsonWriter (no reflection).</summary>
public static class AlertJson
{
    /// <summary>The generic body: rule, priority, tags, action, time, host, query, output (a one-line summary), the
    /// row's fields and the task context.</summary>
    public static byte[] Generic(Alert alert)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("rule", alert.Rule);
            w.WriteString("priority", alert.Priority);
            w.WriteStartArray("tags");
            foreach (var t in alert.Tags)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteString("action", alert.Action);
            w.WriteString("time", DateTimeOffset.FromUnixTimeSeconds(alert.UnixTime).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("unixTime", alert.UnixTime);
            w.WriteString("hostIdentifier", alert.HostIdentifier);
            w.WriteString("query", alert.Query);
            w.WriteString("output", Summary(alert));
            Fields(w, "fields", alert.Columns);
            Fields(w, "task", alert.Decorations);
            if (alert.Snapshot is { } snapshot)
            {
                w.WriteStartObject("snapshot");
                foreach (var r in snapshot)
                {
                    w.WriteStartObject(r.Name);
                    if (r.Error is { } error)
                    {
                        w.WriteString("error", error);
                    }

                    w.WriteBoolean("truncated", r.Truncated);
                    w.WriteStartArray("rows");
                    foreach (var row in r.Rows)
                    {
                        w.WriteStartObject();
                        for (var i = 0; i < r.Columns.Count && i < row.Length; i++)
                        {
                            if (row[i] is { } v)
                            {
                                w.WriteString(r.Columns[i], v);
                            }
                            else
                            {
                                w.WriteNull(r.Columns[i]);
                            }
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A Slack incoming-webhook body: <c>text</c> (the fallback and notification line) and blocks with the
    /// rule, priority, process and task.</summary>
    public static byte[] Slack(Alert alert)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("text", alert.Snapshot is { } shot
                ? $"[{alert.Priority}] {alert.Rule}: snapshot taken ({string.Join(", ", shot.Select(r => $"{r.Name}: {r.Rows.Count}{(r.Truncated ? "+" : "")} rows"))}); the rows go to the JSON outputs"
                : $"[{alert.Priority}] {alert.Rule}: {Summary(alert)}");
            w.WriteStartArray("blocks");
            w.WriteStartObject();
            w.WriteString("type", "header");
            w.WriteStartObject("text");
            w.WriteString("type", "plain_text");
            w.WriteString("text", $"{alert.Priority}: {alert.Rule}");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("type", "section");
            w.WriteStartArray("fields");
            foreach (var (label, value) in new[]
            {
                ("Process", $"{alert.Columns.GetValueOrDefault("name")} (pid {alert.Columns.GetValueOrDefault("pid")})"),
                ("Command line", alert.Columns.GetValueOrDefault("cmdline") ?? ""),
                ("Parent", alert.Columns.GetValueOrDefault("parent_name") ?? ""),
                ("Task", alert.Decorations.GetValueOrDefault("task_arn") ?? alert.HostIdentifier),
                ("Action", alert.Action),
                ("Tags", string.Join(", ", alert.Tags)),
            })
            {
                w.WriteStartObject();
                w.WriteString("type", "mrkdwn");
                w.WriteString("text", $"*{label}*\n{Escape(value)}");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>One line in Falco's output style: the process, its command line and the file or peer involved.</summary>
    public static string Summary(Alert alert)
    {
        var c = alert.Columns;
        var sb = new StringBuilder();
        sb.Append(alert.Rule).Append(" (process=").Append(c.GetValueOrDefault("name")).Append(" pid=").Append(c.GetValueOrDefault("pid"));
        if (c.GetValueOrDefault("cmdline") is { Length: > 0 } cmdline)
        {
            sb.Append(" cmdline=").Append(cmdline);
        }

        foreach (var key in new[] { "file_path", "remote_address", "remote_port" })
        {
            if (c.GetValueOrDefault(key) is { Length: > 0 } v)
            {
                sb.Append(' ').Append(key).Append('=').Append(v);
            }
        }

        return sb.Append(')').ToString();
    }

    // Slack's mrkdwn treats &, < and > as markup.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void Fields(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string?> values)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in values)
        {
            if (v is null)
            {
                w.WriteNull(k);
            }
            else
            {
                w.WriteString(k, v);
            }
        }

        w.WriteEndObject();
    }
}
