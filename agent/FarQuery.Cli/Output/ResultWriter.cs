// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli.Output;

/// <summary>Renders a query result the way osqueryi does (docs/osquery-compat.md §8).</summary>
internal static class ResultWriter
{
    /// <summary>Writes columns and rows in a format.</summary>
    public static void Write(TextWriter w, OutputFormat format, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string separator = "|", bool header = true, string nullValue = "")
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(w, columns, rows);
                break;
            case OutputFormat.Csv:
                if (header)
                {
                    w.WriteLine(string.Join(',', columns.Select(Csv)));
                }

                foreach (var r in rows)
                {
                    w.WriteLine(string.Join(',', r.Select(v => Csv(Text(v, nullValue)))));
                }

                break;
            case OutputFormat.Line:
                var width = Math.Max(5, columns.Count == 0 ? 0 : columns.Max(c => c.Length));
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i > 0)
                    {
                        w.WriteLine();
                    }

                    for (var c = 0; c < columns.Count; c++)
                    {
                        w.WriteLine(columns[c].PadLeft(width) + " = " + Text(rows[i][c], nullValue));
                    }
                }

                break;
            case OutputFormat.List:
                if (header)
                {
                    w.WriteLine(string.Join(separator, columns));
                }

                foreach (var r in rows)
                {
                    w.WriteLine(string.Join(separator, r.Select(v => Text(v, nullValue))));
                }

                break;
            default:
                WritePretty(w, columns, rows, header, nullValue);
                break;
        }
    }

    /// <summary>Text of a value as osquery prints it: reals always with a fraction, NULL as the null value.</summary>
    public static string Text(object? v, string nullValue = "") => v switch
    {
        null => nullValue,
        double d => d.ToString("0.0###############", CultureInfo.InvariantCulture),
        _ => ValueConvert.ToText(v),
    };

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static void WriteJson(TextWriter w, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        // osqueryi --json: an array of objects whose values are all strings.
        var options = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        w.WriteLine("[");
        for (var i = 0; i < rows.Count; i++)
        {
            using var ms = new MemoryStream();
            using (var jw = new Utf8JsonWriter(ms, options))
            {
                jw.WriteStartObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    jw.WriteString(columns[c], Text(rows[i][c]));
                }

                jw.WriteEndObject();
            }

            w.Write("  ");
            w.Write(Encoding.UTF8.GetString(ms.ToArray()));
            w.WriteLine(i + 1 < rows.Count ? "," : "");
        }

        w.WriteLine("]");
    }

    private static void WritePretty(TextWriter w, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool header, string nullValue)
    {
        if (columns.Count == 0)
        {
            return;
        }

        var widths = columns.Select(c => c.Length).ToArray();
        var cells = rows.Select(r => r.Select(v => Text(v, nullValue).Replace('\n', ' ')).ToArray()).ToList();
        foreach (var r in cells)
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], r[c].Length);
            }
        }

        var rule = "+" + string.Join("+", widths.Select(n => new string('-', n + 2))) + "+";
        w.WriteLine(rule);
        if (header)
        {
            w.WriteLine("| " + string.Join(" | ", columns.Select((c, i) => c.PadRight(widths[i]))) + " |");
            w.WriteLine(rule);
        }

        foreach (var r in cells)
        {
            w.WriteLine("| " + string.Join(" | ", r.Select((v, i) => v.PadRight(widths[i]))) + " |");
        }

        if (cells.Count > 0)
        {
            w.WriteLine(rule);
        }
    }
}
