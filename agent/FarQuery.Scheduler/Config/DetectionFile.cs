// SPDX-License-Identifier: Apache-2.0
using System.Text.Encodings.Web;

namespace FarQuery.Scheduler.Config;

/// <summary>One detection in <c>queries/&lt;name&gt;.sql</c>: a header of <c>-- Key: value</c> comment lines (Rule, Source,
/// Priority, Tags, Interval, Purpose) and the SQL. <see cref="BuildPack"/> turns a folder of them into an osquery
/// pack, so the SQL files stay the single source and the pack JSON is generated and checked.</summary>
public sealed record DetectionFile
{
    /// <summary>File name without extension: the query name in the pack.</summary>
    public required string Name { get; init; }

    /// <summary>Header fields by lower-case key.</summary>
    public required IReadOnlyDictionary<string, string> Header { get; init; }

    /// <summary>The SQL without the header.</summary>
    public required string Sql { get; init; }

    /// <summary>Interval from the header, 1 second by default (detections must fire fast).</summary>
    public long Interval => Header.TryGetValue("interval", out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 1;

    /// <summary>Parses one file's text; throws <see cref="ConfigException"/> when the header lacks a field.</summary>
    public static DetectionFile Parse(string name, string text, params string[] required)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var sql = new StringBuilder();
        var lineNumber = 0;
        var inHeader = true;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var t = line.Trim();
            if (inHeader && t.StartsWith("--", StringComparison.Ordinal))
            {
                var body = t[2..].Trim();
                var colon = body.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && !body[..colon].Contains(' ', StringComparison.Ordinal))
                {
                    header[body[..colon].ToLowerInvariant()] = body[(colon + 1)..].Trim();
                }

                continue;
            }

            if (inHeader && t.Length == 0)
            {
                continue;
            }

            inHeader = false;
            sql.AppendLine(line);
        }

        foreach (var key in required)
        {
            if (!header.ContainsKey(key))
            {
                throw new ConfigException(name + ".sql", 1, $"the header has no '-- {char.ToUpperInvariant(key[0])}{key[1..]}:' line");
            }
        }

        var text2 = sql.ToString().Trim();
        if (text2.Length == 0)
        {
            throw new ConfigException(name + ".sql", lineNumber, "no SQL after the header");
        }

        return new DetectionFile { Name = name, Header = header, Sql = text2 };
    }

    /// <summary>Reads every <c>*.sql</c> of a folder, sorted by name.</summary>
    public static IReadOnlyList<DetectionFile> LoadFolder(string directory, params string[] required) =>
        [.. Directory.GetFiles(directory, "*.sql").Order(StringComparer.Ordinal)
            .Select(f => Parse(Path.GetFileNameWithoutExtension(f), BoundedFile.ReadAllText(f), required))];

    /// <summary>The osquery pack JSON for the detections: one query each, logged as event results (never removed).</summary>
    public static string BuildPack(IEnumerable<DetectionFile> detections)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("platform", "linux");
            w.WriteStartObject("queries");
            foreach (var d in detections)
            {
                w.WriteStartObject(d.Name);
                w.WriteString("query", string.Join(' ', d.Sql.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal))));
                w.WriteNumber("interval", d.Interval);
                w.WriteBoolean("removed", false);
                w.WriteString("description", d.Header.GetValueOrDefault("purpose", d.Header.GetValueOrDefault("rule", d.Name)));
                w.WriteString("value", d.Header.GetValueOrDefault("rule", "") + (d.Header.TryGetValue("priority", out var p) ? " (" + p + ")" : ""));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).ReplaceLineEndings("\n") + "\n";
    }
}
