// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/[pid]/limits (man 5 proc): a header line, then one line per resource with the limit's name in a
/// fixed 26-column field, then the soft limit, the hard limit ("unlimited" or a number) and the unit.</summary>
/// <param name="Name">The kernel's name of the limit ("Max open files").</param>
/// <param name="Soft">The soft limit as written.</param>
/// <param name="Hard">The hard limit as written.</param>
internal sealed record ProcLimits(string Name, string Soft, string Hard)
{
    /// <summary>The kernel's name field width (fs/proc/base.c pads it to 26 characters).</summary>
    private const int NameWidth = 26;

    /// <summary>Every limit line with both values; the header and cut lines are skipped.</summary>
    public static List<ProcLimits> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcLimits>();
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            if (raw.Length <= NameWidth || raw.StartsWith("Limit ", StringComparison.Ordinal))
            {
                continue;
            }

            var values = raw[NameWidth..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (values.Length >= 2)
            {
                list.Add(new ProcLimits(raw[..NameWidth].Trim(), values[0], values[1]));
            }
        }

        return list;
    }
}
