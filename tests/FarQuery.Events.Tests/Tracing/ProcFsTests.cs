// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The tracer's direct /proc reads, against this test process and a gone pid.</summary>
public sealed class ProcFsTests
{
    [Fact]
    public void ReadLink_SelfExe_IsTheProcessPath()
    {
        Assert.Equal(Environment.ProcessPath, ProcFs.ReadLink(Environment.ProcessId, "exe"u8));
    }

    [Fact]
    public void ReadLink_Descriptor_ResolvesTheOpenFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "procfs-" + Guid.NewGuid().ToString("N"));
        using var file = File.Create(path);
        try
        {
            var fd = file.SafeFileHandle.DangerousGetHandle();
            Assert.Equal(path, ProcFs.ReadLink(Environment.ProcessId, "fd"u8, fd));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadLink_GoneProcess_IsNull()
    {
        Assert.Null(ProcFs.ReadLink(int.MaxValue, "exe"u8));
    }

    [Fact]
    public void Read_SmallBuffer_KeepsThePrefixAndCountsTheWholeFile()
    {
        var whole = File.ReadAllBytes("/proc/self/status");
        Span<byte> small = stackalloc byte[16];
        var n = ProcFs.Read(Environment.ProcessId, "status"u8, small, out var total);
        Assert.Equal(16, n);
        Assert.Equal(whole.AsSpan(0, 16).ToArray(), small.ToArray());

        // status changes between reads only in counters, not in length by much; the total must exceed the buffer.
        Assert.True(total > 16 && Math.Abs(total - whole.Length) < 64, $"total {total}, file {whole.Length}");
    }

    [Fact]
    public void Read_GoneProcess_IsMinusOne()
    {
        Assert.Equal(-1, ProcFs.Read(int.MaxValue, "status"u8, new byte[8], out _));
    }

    [Fact]
    public void ReadList_Cmdline_JoinsArgvWithSpacesAndCountsThem()
    {
        var raw = File.ReadAllBytes("/proc/self/cmdline");
        var argv = Encoding.UTF8.GetString(raw).TrimEnd('\0').Split('\0');
        var text = ProcFs.ReadList(Environment.ProcessId, "cmdline"u8, 1 << 20, out var count, out var size);
        Assert.Equal(string.Join(' ', argv), text);
        Assert.Equal(argv.Length, count);
        Assert.Equal(raw.Length, size);
    }

    [Fact]
    public void ReadList_BeyondMax_TruncatesButReportsTheFullSize()
    {
        var raw = File.ReadAllBytes("/proc/self/environ");
        Assert.True(raw.Length > 8);
        var text = ProcFs.ReadList(Environment.ProcessId, "environ"u8, 8, out _, out var size);

        // The first 8 bytes as text; a NUL in the 8th byte ends an entry and is dropped like any terminator (with CI=true
        // first in the environment, "CI=true\0" is exactly 8 bytes).
        var head = raw.AsSpan(0, 8);
        var expected = System.Text.Encoding.UTF8.GetString(head[^1] == 0 ? head[..^1] : head).Replace('\0', ' ');
        Assert.Equal(expected, text);
        Assert.Equal(raw.Length, size);
    }
}
