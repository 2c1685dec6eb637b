// SPDX-License-Identifier: Apache-2.0
using System.Text.Encodings.Web;
using FarQuery.Sql;

namespace FarQuery.Scheduler.Logging;

/// <summary>Writes result and status log lines in osquery's exact shapes (docs/osquery-compat.md §4): field order as osquery's
/// code emits it, numbers for unixTime/epoch/counter, row values as strings unless <c>logger_numerics</c>, row keys in
/// name order (osquery rows are sorted maps).</summary>
public sealed class LogFormatter(string hostIdentifier, bool numerics = false, bool decorationsTopLevel = false)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The identifier every line carries.</summary>
    public string HostIdentifier { get; set; } = hostIdentifier;

    /// <summary>osquery's calendarTime: asctime in UTC plus " UTC", e.g. <c>Mon May  2 22:27:32 2016 UTC</c>.</summary>
    public static string CalendarTime(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{u:ddd} {u:MMM} {u.Day,2} {u:HH:mm:ss} {u.Year} UTC");
    }

    /// <summary>Event format: one line per added or removed row.</summary>
    public IEnumerable<string> EventLines(ResultHeader header, IReadOnlyList<LogRow> added, IReadOnlyList<LogRow> removed)
    {
        foreach (var (rows, action) in new[] { (removed, "removed"), (added, "added") })
        {
            foreach (var row in rows)
            {
                yield return Line(w =>
                {
                    WriteHeader(w, header);
                    WriteRow(w, "columns", row);
                    w.WriteString("action", action);
                }, header);
            }
        }
    }

    /// <summary>Batch format: one line per execution with diffResults (removed before added).</summary>
    public string BatchLine(ResultHeader header, IReadOnlyList<LogRow> added, IReadOnlyList<LogRow> removed) => Line(w =>
    {
        w.WriteStartObject("diffResults");
        WriteRows(w, "removed", removed);
        WriteRows(w, "added", added);
        w.WriteEndObject();
        WriteHeader(w, header);
    }, header);

    /// <summary>Snapshot format: the whole result set in one line.</summary>
    public string SnapshotLine(ResultHeader header, IReadOnlyList<LogRow> rows) => Line(w =>
    {
        WriteRows(w, "snapshot", rows);
        w.WriteString("action", "snapshot");
        WriteHeader(w, header);
    }, header);

    /// <summary>A status line (severity 0 info, 1 warning, 2 error).</summary>
    public string StatusLine(DateTimeOffset time, int severity, string filename, int line, string message, string version, IReadOnlyDictionary<string, string> decorations) =>
        Line(w =>
        {
            w.WriteString("hostIdentifier", HostIdentifier);
            w.WriteString("calendarTime", CalendarTime(time));
            w.WriteNumber("unixTime", time.ToUnixTimeSeconds());
            w.WriteNumber("severity", severity);
            w.WriteString("filename", filename);
            w.WriteNumber("line", line);
            w.WriteString("message", message);
            w.WriteString("version", version);
            WriteDecorations(w, decorations);
        }, null);

    private string Line(Action<Utf8JsonWriter> body, ResultHeader? header)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            if (decorationsTopLevel && header is not null)
            {
                foreach (var (k, v) in header.Decorations)
                {
                    w.WriteString(k, v);
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private void WriteHeader(Utf8JsonWriter w, ResultHeader h)
    {
        w.WriteString("name", h.Name);
        w.WriteString("hostIdentifier", HostIdentifier);
        w.WriteString("calendarTime", CalendarTime(h.Time));
        w.WriteNumber("unixTime", h.Time.ToUnixTimeSeconds());
        w.WriteNumber("epoch", h.Epoch);
        w.WriteNumber("counter", h.Counter);
        w.WriteBoolean("numerics", numerics);
        if (!decorationsTopLevel)
        {
            WriteDecorations(w, h.Decorations);
        }
    }

    private static void WriteDecorations(Utf8JsonWriter w, IReadOnlyDictionary<string, string> decorations)
    {
        if (decorations.Count == 0)
        {
            return;
        }

        w.WriteStartObject("decorations");
        foreach (var (k, v) in decorations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }

    private void WriteRows(Utf8JsonWriter w, string name, IReadOnlyList<LogRow> rows)
    {
        w.WriteStartArray(name);
        foreach (var r in rows)
        {
            WriteRowObject(w, r);
        }

        w.WriteEndArray();
    }

    private void WriteRow(Utf8JsonWriter w, string name, LogRow row)
    {
        w.WritePropertyName(name);
        WriteRowObject(w, row);
    }

    private void WriteRowObject(Utf8JsonWriter w, LogRow row)
    {
        w.WriteStartObject();
        foreach (var (k, v) in row.Sorted)
        {
            w.WritePropertyName(k);
            switch (v)
            {
                case long l when numerics:
                    w.WriteNumberValue(l);
                    break;
                case double d when numerics && double.IsFinite(d):
                    w.WriteNumberValue(d);
                    break;
                default:
                    w.WriteStringValue(LogRow.Text(v));
                    break;
            }
        }

        w.WriteEndObject();
    }
}

/// <summary>The fields every result line carries.</summary>
/// <param name="Name">Scheduled query name.</param>
/// <param name="Time">When the query ran.</param>
/// <param name="Epoch">schedule_epoch.</param>
/// <param name="Counter">The differential counter.</param>
/// <param name="Decorations">Decorator values.</param>
public sealed record ResultHeader(string Name, DateTimeOffset Time, long Epoch, long Counter, IReadOnlyDictionary<string, string> Decorations);

/// <summary>One result row as column name → value, with a canonical text form for diffing.</summary>
public sealed class LogRow
{
    /// <summary>Builds a row from result columns and values.</summary>
    public LogRow(IReadOnlyList<string> columns, object?[] values)
    {
        var pairs = new List<KeyValuePair<string, object?>>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            pairs.Add(new(columns[i], values[i]));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        Sorted = pairs;
        var sb = new StringBuilder();
        foreach (var (k, v) in pairs)
        {
            sb.Append(k).Append('\u001f').Append(Text(v)).Append('\u001e');
        }

        Key = sb.ToString();
    }

    /// <summary>Columns in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Sorted { get; }

    /// <summary>Canonical text for set comparison.</summary>
    public string Key { get; }

    /// <summary>Approximate size in bytes (osquery_schedule.output_size).</summary>
    public int Size => Key.Length;

    /// <summary>The value of a column as text, or empty.</summary>
    public string this[string column] => Text(Sorted.FirstOrDefault(kv => kv.Key == column).Value);

    /// <summary>A value as osquery logs it (NULL as empty string).</summary>
    public static string Text(object? v) => ValueConvert.ToText(v);
}
