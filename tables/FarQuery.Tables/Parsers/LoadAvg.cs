// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/loadavg (man 5 proc): "1min 5min 15min running/total lastpid".</summary>
internal static class LoadAvg
{
    /// <summary>The three averages that could be read (fewer when the file is cut short).</summary>
    public static List<double> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<double>(3);
        foreach (var r in text.Split((byte)' '))
        {
            if (list.Count == 3 || !Utf8Parser.TryParse(text[r].Trim((byte)'\n'), out double v, out var used) || used != text[r].Trim((byte)'\n').Length)
            {
                break;
            }

            list.Add(v);
        }

        return list;
    }
}
