// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;

namespace FarQuery.Events.Tracing;

/// <summary>The fields of /proc/[pid]/stat FarQuery uses, and the boot time from /proc/stat that turns its starttime
/// into a date (man 5 proc). The one parser of these files: the <c>processes</c> table, the tracer's <c>start_time</c>
/// fallback (<see cref="ProcFacts.StartTime"/>) and the kill playbook's pid-reuse check all read them through it, so
/// they agree on a process's start.</summary>
/// <param name="Pid">Field 1.</param>
/// <param name="Comm">Field 2, without its parentheses.</param>
/// <param name="State">Field 3.</param>
/// <param name="Parent">Field 4, ppid.</param>
/// <param name="ProcessGroup">Field 5, pgrp.</param>
/// <param name="UserTicks">Field 14, utime, in <see cref="ClockTicksPerSecond"/>.</param>
/// <param name="SystemTicks">Field 15, stime, in <see cref="ClockTicksPerSecond"/>.</param>
/// <param name="Nice">Field 19.</param>
/// <param name="Threads">Field 20, num_threads.</param>
/// <param name="StartTicks">Field 22, starttime: clock ticks after boot.</param>
/// <param name="VirtualBytes">Field 23, vsize.</param>
/// <param name="ResidentPages">Field 24, rss.</param>
internal readonly record struct ProcStat(
    int Pid, string Comm, char State, int Parent, int ProcessGroup, long UserTicks, long SystemTicks,
    int Nice, int Threads, long StartTicks, long VirtualBytes, long ResidentPages)
{
    /// <summary>USER_HZ, the unit of the tick fields: 100 on every Linux architecture Fargate runs (x86_64, arm64);
    /// man 5 proc.</summary>
    public const long ClockTicksPerSecond = 100;

    // 1-based field numbers of man 5 proc; comm (2) is the last one before the closing parenthesis.
    private const int StateField = 3, ParentField = 4, GroupField = 5, UtimeField = 14, StimeField = 15, NiceField = 19,
        ThreadsField = 20, StartField = 22, VsizeField = 23, RssField = 24;

    /// <summary>Parses the single line of /proc/[pid]/stat, comm included (the one string it allocates). False when the
    /// line is cut short before field 24 or a field it reads is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ProcStat stat)
    {
        stat = default;
        Span<Range> fields = stackalloc Range[RssField + 1];
        var open = text.IndexOf((byte)'(');
        var close = text.LastIndexOf((byte)')');
        if (open < 1 || close < open || !Utf8Parser.TryParse(text[..(open - 1)], out int pid, out _) || !TryFindFields(text, fields))
        {
            return false;
        }

        if (!TryNumber(text[fields[ParentField]], out var parent) || !TryNumber(text[fields[GroupField]], out var group)
            || !TryNumber(text[fields[UtimeField]], out var utime) || !TryNumber(text[fields[StimeField]], out var stime)
            || !TryNumber(text[fields[NiceField]], out var nice) || !TryNumber(text[fields[ThreadsField]], out var threads)
            || !TryNumber(text[fields[StartField]], out var start) || !TryNumber(text[fields[VsizeField]], out var vsize)
            || !TryNumber(text[fields[RssField]], out var rss))
        {
            return false;
        }

        var comm = Encoding.UTF8.GetString(text[(open + 1)..close]);
        stat = new ProcStat(pid, comm, (char)text[fields[StateField]][0], (int)parent, (int)group, utime, stime,
            (int)nice, (int)threads, start, vsize, rss);
        return true;
    }

    /// <summary>Only the parent and the start ticks (fields 4 and 22), allocating nothing (no comm string): for the
    /// tracer's start_time fallback, which reads stat into a stack buffer, and the kill playbook's walk over every pid.
    /// False when the line is cut short before field 22 or either field is not a number.</summary>
    public static bool TryParseParentAndStart(ReadOnlySpan<byte> text, out int parent, out long startTicks)
    {
        parent = 0;
        startTicks = 0;
        Span<Range> fields = stackalloc Range[StartField + 1];
        if (!TryFindFields(text, fields) || !TryNumber(text[fields[ParentField]], out var ppid) || !TryNumber(text[fields[StartField]], out var start))
        {
            return false;
        }

        parent = (int)ppid;
        startTicks = start;
        return true;
    }

    /// <summary>The btime line of /proc/stat (when the system booted, UNIX seconds); false when there is none or it is
    /// not a positive number.</summary>
    public static bool TryParseBootTime(ReadOnlySpan<byte> procStat, out long bootTime)
    {
        bootTime = 0;
        var at = 0;
        if (!procStat.StartsWith("btime "u8))
        {
            var line = procStat.IndexOf("\nbtime "u8);
            if (line < 0)
            {
                return false;
            }

            at = line + 1;
        }

        var rest = procStat[(at + 6)..];
        var end = rest.IndexOf((byte)'\n');
        if (!TryNumber(end < 0 ? rest : rest[..end], out var btime) || btime <= 0)
        {
            return false;
        }

        bootTime = btime;
        return true;
    }

    /// <summary>A start in clock ticks after boot as UNIX seconds, whole seconds as the processes table's start_time
    /// reports it.</summary>
    public static long StartSeconds(long bootTime, long startTicks) => bootTime + (startTicks / ClockTicksPerSecond);

    /// <summary>Finds fields 3 to <c>fields.Length - 1</c> of a stat line, each as a range of <paramref name="text"/>
    /// indexed by its field number. comm may hold spaces and parentheses, so they are counted from the last ')'; the
    /// walk stops at the last field asked for, before the unsigned fields (rsslim, 25, is 2^64-1) a long cannot hold.</summary>
    private static bool TryFindFields(ReadOnlySpan<byte> text, Span<Range> fields)
    {
        var close = text.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        // The line's newline is not part of its last field. comm itself may hold a newline (stat prints it unescaped),
        // so the end is looked for after it.
        var start = close + 1;
        var rest = text[start..];
        var lineEnd = rest.IndexOf((byte)'\n');
        rest = lineEnd < 0 ? rest : rest[..lineEnd];
        var field = StateField;
        foreach (var range in rest.Split((byte)' '))
        {
            if (rest[range].IsEmpty)
            {
                continue;
            }

            fields[field++] = new Range(range.Start.Value + start, range.End.Value + start);
            if (field == fields.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A whole field as a number: a field with anything else in it (not what the kernel writes) fails the parse
    /// rather than give a wrong start time or parent.</summary>
    private static bool TryNumber(ReadOnlySpan<byte> token, out long value) =>
        Utf8Parser.TryParse(token, out value, out var used) && used == token.Length;
}
