// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One "cpuN" line of /proc/stat (man 5 proc), in USER_HZ ticks.</summary>
/// <param name="Core">N.</param>
/// <param name="Times">user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice; -1 for the fields an
/// older kernel (or a truncated line) does not print.</param>
internal sealed record CpuTimes(int Core, long[] Times)
{
    /// <summary>Number of time fields the kernel prints since 2.6.33.</summary>
    public const int FieldCount = 10;

    /// <summary>Every per-core line; the aggregate "cpu" line and other keys are skipped.</summary>
    public static List<CpuTimes> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<CpuTimes>();
        Span<Range> fields = stackalloc Range[FieldCount + 2];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            if (!line.StartsWith("cpu"u8) || line.Length < 4 || line[3] is < (byte)'0' or > (byte)'9')
            {
                continue;
            }

            var n = ByteFields.Split(line, fields, " "u8, removeEmpty: true);
            if (!Utf8Parser.TryParse(line[fields[0]][3..], out int core, out _))
            {
                continue;
            }

            var times = new long[FieldCount];
            for (var i = 0; i < FieldCount; i++)
            {
                times[i] = i + 1 < n && Utf8Parser.TryParse(line[fields[i + 1]], out long v, out _) ? v : -1;
            }

            list.Add(new CpuTimes(core, times));
        }

        return list;
    }
}
