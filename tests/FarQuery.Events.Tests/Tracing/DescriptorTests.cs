// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using static Interop.Libc;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The control pipe's reads and writes, over a real pipe.</summary>
public sealed class DescriptorTests
{
    [Fact]
    public unsafe void WriteFull_MoreThanAPipeHolds_ArrivesWholeAtTheReader()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, pipe2(fds, O_CLOEXEC));
        var (readEnd, writeEnd) = (fds[0], fds[1]);
        var data = new byte[3 + (8 * 4096) + 70_000];
        Random.Shared.NextBytes(data);
        var received = new byte[data.Length];
        var reader = new Thread(() => Assert.True(Descriptor.ReadFull(readEnd, received)));
        reader.Start();
        Assert.True(Descriptor.WriteFull(writeEnd, data));
        reader.Join();
        Assert.Equal(data, received);
        close(readEnd);
        close(writeEnd);
    }

    [Fact]
    public unsafe void ReadFull_WriterClosesEarly_IsFalse()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, pipe2(fds, O_CLOEXEC));
        Assert.True(Descriptor.WriteFull(fds[1], "T"u8));
        close(fds[1]);
        var buffer = new byte[3];
        Assert.False(Descriptor.ReadFull(fds[0], buffer));
        Assert.Equal((byte)'T', buffer[0]);
        Assert.Equal(0, Descriptor.Read(fds[0], buffer));
        close(fds[0]);
    }

    [Fact]
    public void Read_BadDescriptor_IsMinusOne()
    {
        Assert.Equal(-1, Descriptor.Read(-1, new byte[1]));
        Assert.False(Descriptor.WriteFull(-1, "x"u8));
    }
}
