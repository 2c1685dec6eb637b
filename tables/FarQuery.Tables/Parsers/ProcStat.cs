// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The fields of /proc/[pid]/stat FarQuery uses (man 5 proc).</summary>
internal readonly record struct ProcStat(
    int Pid, string Comm, char State, int Parent, int ProcessGroup, long UserTicks, long SystemTicks,
    int Nice, int Threads, long StartTicks, long VirtualBytes, long ResidentPages)
{
    /// <summary>Parses the single line of /proc/[pid]/stat. comm may hold spaces and parentheses, so the fields after it
    /// are found from the last ')'.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ProcStat stat)
    {
        stat = default;
        var open = text.IndexOf((byte)'(');
        var close = text.LastIndexOf((byte)')');
        if (open < 1 || close < open || !Utf8Parser.TryParse(text[..(open - 1)], out int pid, out _))
        {
            return false;
        }

        var comm = System.Text.Encoding.UTF8.GetString(text[(open + 1)..close]);
        var rest = text[(close + 1)..];

        // Fields after comm, 1-based as in man 5 proc: 3 state, 4 ppid, 5 pgrp, ... 14 utime, 15 stime, 19 nice,
        // 20 num_threads, 22 starttime, 23 vsize, 24 rss.
        Span<long> fields = stackalloc long[25];
        var state = '?';
        var index = 3;
        foreach (var range in rest.Split((byte)' '))
        {
            var token = rest[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (index == 3)
            {
                state = (char)token[0];
            }
            else if (index < fields.Length)
            {
                Utf8Parser.TryParse(token, out fields[index], out _);
            }
            else
            {
                break;
            }

            index++;
        }

        if (index < 25)
        {
            return false;
        }

        stat = new ProcStat(pid, comm, state, (int)fields[4], (int)fields[5], fields[14], fields[15],
            (int)fields[19], (int)fields[20], fields[22], fields[23], fields[24]);
        return true;
    }
}
