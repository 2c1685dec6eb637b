// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Reading the facts the tracer keeps per process.</summary>
public sealed class ProcFactsTests
{
    [Fact]
    public void ParseStatus_ReadsNameParentAndIds()
    {
        var facts = new ProcFacts { Pid = 5 };
        ProcFacts.ParseStatus("Name:\tnginx: worker\nUmask:\t0022\nTgid:\t5\nPPid:\t1\nUid:\t101\t102\t103\t104\nGid:\t201\t202\t203\t204\n"u8, facts);
        Assert.Equal("nginx: worker", facts.Name);
        Assert.Equal(1, facts.Parent);
        Assert.Equal(new ProcessIds(101, 102, 103, 104, 201, 202, 203, 204), facts.Ids);
    }

    [Fact]
    public void Read_Self_HasExeAndIds()
    {
        var facts = ProcFacts.Read(Environment.ProcessId);
        Assert.Equal(Environment.ProcessPath, facts.Exe);
        Assert.True(facts.Ids.Uid >= 0);
        Assert.Equal(Environment.ProcessId, ProcFacts.ThreadGroupOf(Environment.ProcessId));
    }

    [Fact]
    public void Read_GoneProcess_LeavesFieldsUnknown()
    {
        var facts = ProcFacts.Read(int.MaxValue);
        Assert.Null(facts.Exe);
        Assert.Equal(ProcessIds.Unknown, facts.Ids);
        Assert.Equal(-1, ProcFacts.ThreadGroupOf(int.MaxValue));
    }

    [Fact]
    public void ParseStatus_TruncatedIds_LeavesIdsUnknown()
    {
        var facts = new ProcFacts { Pid = 5 };
        ProcFacts.ParseStatus("Name:\tsh\nPPid:\t7\nUid:\t1\t2\nGid:\t3\t4\t5\t6\n"u8, facts);
        Assert.Equal("sh", facts.Name);
        Assert.Equal(7, facts.Parent);
        Assert.Equal(ProcessIds.Unknown, facts.Ids);
    }

    [Fact]
    public void Cwd_Self_IsTheCurrentDirectory()
    {
        Assert.Equal(Directory.GetCurrentDirectory(), ProcFacts.Cwd(Environment.ProcessId));
    }

    [Fact]
    public void StartTime_Self_IsWhenThisProcessStarted()
    {
        // The runtime's own start time comes from the same stat field with a finer boot time: within a second.
        var expected = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        var start = ProcFacts.StartTime(Environment.ProcessId);
        Assert.NotNull(start);
        Assert.InRange(start.Value, expected - 1, expected + 1);
        Assert.Null(ProcFacts.StartTime(int.MaxValue));
    }
}
