// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One sample of the Prometheus text exposition format: the metric name with its label block as written,
/// the value, and the sample's own timestamp in milliseconds when the line has one.</summary>
/// <param name="Name">Metric name, with <c>{labels}</c> when the line has them.</param>
/// <param name="Value">The value (NaN, +Inf and -Inf included).</param>
/// <param name="TimestampMs">The line's timestamp, or null.</param>
internal sealed record PrometheusSample(string Name, double Value, long? TimestampMs)
{
    /// <summary>Parses a scraped body, one sample per line: <c>name[{labels}] value [timestamp]</c>. Comments
    /// (<c># HELP</c>, <c># TYPE</c>), blank lines and lines that do not parse are skipped; a label value may hold
    /// spaces, braces and escaped quotes.</summary>
    public static void Parse(ReadOnlySpan<byte> text, List<PrometheusSample> into)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            if (TryParseLine(line.TrimEnd((byte)'\r'), out var sample))
            {
                into.Add(sample);
            }
        }
    }

    /// <summary>One line; false for comments, blank and malformed lines.</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out PrometheusSample sample)
    {
        sample = null!;
        line = line.TrimStart(" \t"u8);
        if (line.IsEmpty || line[0] == (byte)'#')
        {
            return false;
        }

        var nameEnd = NameEnd(line);
        if (nameEnd <= 0)
        {
            return false;
        }

        var name = line[..nameEnd];
        var rest = line[nameEnd..].TrimStart(" \t"u8);
        var valueEnd = rest.IndexOfAny(" \t"u8);
        var valueText = valueEnd < 0 ? rest : rest[..valueEnd];
        if (!TryParseValue(valueText, out var value))
        {
            return false;
        }

        long? timestamp = null;
        if (valueEnd >= 0)
        {
            var ts = rest[valueEnd..].Trim(" \t"u8);
            if (!ts.IsEmpty)
            {
                if (!Utf8Parser.TryParse(ts, out long ms, out var used) || used != ts.Length)
                {
                    return false;
                }

                timestamp = ms;
            }
        }

        sample = new PrometheusSample(Encoding.UTF8.GetString(name), value, timestamp);
        return true;
    }

    /// <summary>Where the name (and its label block) ends: the first blank outside a quoted label value after the
    /// closing brace; -1 when a label block is not closed.</summary>
    private static int NameEnd(ReadOnlySpan<byte> line)
    {
        var i = line.IndexOfAny(" \t{"u8);
        if (i < 0 || line[i] != (byte)'{')
        {
            return i;
        }

        var quoted = false;
        for (i++; i < line.Length; i++)
        {
            var b = line[i];
            if (quoted && b == (byte)'\\')
            {
                i++;
            }
            else if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == (byte)'}')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>A Go-style float as Prometheus writes it, with NaN and the signed infinities.</summary>
    private static bool TryParseValue(ReadOnlySpan<byte> text, out double value)
    {
        if (text.SequenceEqual("NaN"u8))
        {
            value = double.NaN;
            return true;
        }

        if (text.SequenceEqual("+Inf"u8) || text.SequenceEqual("Inf"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.SequenceEqual("-Inf"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && !text.IsEmpty;
    }
}
