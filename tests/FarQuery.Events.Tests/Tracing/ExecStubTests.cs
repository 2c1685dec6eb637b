// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The control-pipe protocol between the tracer and the exec stub (exec_stub.c reads the same bytes), and the
/// stub's command line. The stub's behaviour is covered by the traced runs (TracedAppTests) and, for the C stub, by the
/// AOT tests.</summary>
public sealed class ExecStubTests
{
    [Fact]
    public void Message_Untraced_IsTheOneByteU()
    {
        Assert.Equal([(byte)'U'], ExecStub.Message(null));
    }

    [Fact]
    public void Message_Traced_IsTThenCountThenTheInstructions()
    {
        var program = SeccompProgram.Build(traceReadOpens: false);
        var message = ExecStub.Message(program);
        Assert.Equal((byte)'T', message[0]);
        Assert.Equal(program.Length, BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(1)));
        Assert.Equal(3 + (8 * program.Length), message.Length);

        // struct sock_filter, little-endian: u16 code, u8 jt, u8 jf, u32 k.
        var last = program[^1];
        var at = 3 + (8 * (program.Length - 1));
        Assert.Equal(last.code, BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(at)));
        Assert.Equal(last.jt, message[at + 2]);
        Assert.Equal(last.jf, message[at + 3]);
        Assert.Equal(last.k, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at + 4)));
    }

    [Fact]
    public void Arguments_AppArgv_FollowVerbDescriptorAndDoubleDash()
    {
        Assert.Equal(["/proc/self/exe", "__farquery-exec", "7", "--", "sh", "-c", "exit 3"], ExecStub.Arguments("/proc/self/exe", 7, ["sh", "-c", "exit 3"]));
    }

    [Fact]
    public void Run_BadArguments_ReturnsTwoWithoutExec()
    {
        Assert.Equal(2, ExecStub.Run(["not-a-number", "--", "sh"]));
        Assert.Equal(2, ExecStub.Run(["3", "sh"]));
    }
}
