// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The one parser of /proc/[pid]/stat and of /proc/stat's btime.</summary>
public sealed class ProcStatTests
{
    // A line captured from a python3 process (tests/FarQuery.Tables.Tests/fixtures/rootfs/debian12/proc/4242/stat).
    private const string Python =
        "14731 (python3) S 1 14727 4417 0 -1 4194304 3071 6556 4 0 2 0 3 0 20 0 1 0 133196 18649088 3582 18446744073709551615 94672879202304 94672879202645 140723288945376 0 0 0 0 16781318 0 1 0 0 17 0 0 0 0 0 0 94672879214000 94672879214616 94673847881728 140723288950542 140723288950597 140723288950597 140723288952783 0\n";

    // Fields 3 to 21 are 1..19 here (the state is "1"), so starttime (22) is the twentieth after comm.
    private static readonly string Counted = string.Join(' ', Enumerable.Range(1, 19)) + " 424242 23 24";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void TryParse_CapturedLine_TheFieldsOfManProc()
    {
        Assert.True(ProcStat.TryParse(Bytes(Python), out var stat));
        Assert.Equal(new ProcStat(14731, "python3", 'S', 1, 14727, 2, 0, 0, 1, 133196, 18649088, 3582), stat);
    }

    [Theory]
    [InlineData("a) b (c")]
    [InlineData("x y")]
    [InlineData("((")]
    [InlineData(")")]
    public void TryParse_CommWithSpacesAndParentheses_FieldsCountedFromTheLastParenthesis(string comm)
    {
        Assert.True(ProcStat.TryParse(Bytes($"17 ({comm}) " + Counted + "\n"), out var stat));
        Assert.Equal(comm, stat.Comm);
        Assert.Equal(17, stat.Pid);
        Assert.Equal('1', stat.State);
        Assert.Equal(2, stat.Parent);
        Assert.Equal(424242, stat.StartTicks);
        Assert.Equal(24, stat.ResidentPages);
    }

    [Fact]
    public void TryParse_CommWithANewline_LastFieldStillANumber()
    {
        // stat prints comm unescaped; the line's own newline ends field 24 here.
        Assert.True(ProcStat.TryParse(Bytes("17 (a\nb) " + Counted + "\n"), out var stat));
        Assert.Equal("a\nb", stat.Comm);
        Assert.Equal(24, stat.ResidentPages);
    }

    [Theory]
    [InlineData("17 (sh) S 1 2 3\n")]
    [InlineData("no comm")]
    [InlineData("(sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22")]
    [InlineData("")]
    public void TryParse_TruncatedOrMalformed_False(string text)
    {
        Assert.False(ProcStat.TryParse(Bytes(text), out var stat));
        Assert.Equal(default, stat);
    }

    [Fact]
    public void TryParse_EveryPrefixOfTheCapturedLine_TrueOnlyOnceField24HasBegun()
    {
        var bytes = Bytes(Python);
        var field24 = Python.IndexOf(" 3582 ", StringComparison.Ordinal) + 1;
        for (var length = 0; length <= bytes.Length; length++)
        {
            Assert.Equal(length > field24, ProcStat.TryParse(bytes.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryParse_FieldNotANumber_False()
    {
        Assert.False(ProcStat.TryParse(Bytes("17 (sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 1x 20 21 22\n"), out _));
    }

    [Fact]
    public void TryParseParentAndStart_CommWithSpacesAndParentheses_Fields4And22()
    {
        Assert.True(ProcStat.TryParseParentAndStart(Bytes("17 (a) b (c)) " + Counted + "\n"), out var parent, out var ticks));
        Assert.Equal(2, parent);
        Assert.Equal(424242, ticks);
    }

    [Fact]
    public void TryParseParentAndStart_CapturedLine_AllocatesNothing()
    {
        // The tracer's start_time fallback parses with it per process: no comm string, no field array.
        var bytes = Bytes(Python);
        ProcStat.TryParseParentAndStart(bytes, out _, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = ProcStat.TryParseParentAndStart(bytes, out var parent, out var ticks);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(parsed);
        Assert.Equal(1, parent);
        Assert.Equal(133196, ticks);
    }

    [Fact]
    public void TryParseParentAndStart_LineEndingAtField22_True()
    {
        var line = string.Join(' ', Enumerable.Range(1, 20)) + "\n";
        Assert.True(ProcStat.TryParseParentAndStart(Bytes("17 (sh) " + line), out _, out var ticks));
        Assert.Equal(20, ticks);
    }

    [Theory]
    [InlineData("17 (sh) S 1 2 3\n")]
    [InlineData("no comm")]
    [InlineData("17 (sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 4x 21\n")]
    public void TryParseParentAndStart_TruncatedOrMalformed_False(string text)
    {
        Assert.False(ProcStat.TryParseParentAndStart(Bytes(text), out var parent, out var ticks));
        Assert.Equal(0, parent);
        Assert.Equal(0, ticks);
    }

    [Fact]
    public void TryParseParentAndStart_Self_ParentIsTheRuntimesParent()
    {
        var bytes = File.ReadAllBytes($"/proc/{Environment.ProcessId}/stat");
        Assert.True(ProcStat.TryParseParentAndStart(bytes, out var parent, out var ticks));
        Assert.True(ProcStat.TryParse(bytes, out var stat));
        Assert.Equal(stat.Parent, parent);
        Assert.Equal(stat.StartTicks, ticks);
        Assert.Equal(Environment.ProcessId, stat.Pid);
    }

    [Theory]
    [InlineData("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n", 1_700_000_000)]
    [InlineData("btime 1700000000\n", 1_700_000_000)]
    [InlineData("cpu  1 2 3\nbtime 42", 42)]
    public void TryParseBootTime_BtimeLine_ItsValue(string text, long expected)
    {
        Assert.True(ProcStat.TryParseBootTime(Bytes(text), out var boot));
        Assert.Equal(expected, boot);
    }

    [Theory]
    [InlineData("cpu  1 2 3\n")]
    [InlineData("cpu  1 2 3\nbtime \n")]
    [InlineData("cpu  1 2 3\nbtime 0\n")]
    [InlineData("cpu  1 2 3\nbtime x\n")]
    [InlineData("cpu  1 2 3\nbtime 5x\n")]
    [InlineData("cpu  1 2 3\nxbtime 5\n")]
    [InlineData("")]
    public void TryParseBootTime_MissingOrNotAPositiveNumber_False(string text)
    {
        Assert.False(ProcStat.TryParseBootTime(Bytes(text), out var boot));
        Assert.Equal(0, boot);
    }

    [Fact]
    public void TryParseBootTime_ThisSystem_InThePast()
    {
        Assert.True(ProcStat.TryParseBootTime(File.ReadAllBytes("/proc/stat"), out var boot));
        Assert.InRange(boot, 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData(1_700_000_000, 0, 1_700_000_000)]
    [InlineData(1_700_000_000, 199, 1_700_000_001)]
    [InlineData(1_700_000_000, 133196, 1_700_001_331)]
    public void StartSeconds_BootAndTicks_WholeSecondsAfterBoot(long boot, long ticks, long expected)
    {
        Assert.Equal(expected, ProcStat.StartSeconds(boot, ticks));
    }
}
