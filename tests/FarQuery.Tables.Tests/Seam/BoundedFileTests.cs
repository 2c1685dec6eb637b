// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Seam;

public sealed class BoundedFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-bounded-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void TryReadAll_SmallRegularFile_ReturnsItsBytes()
    {
        var path = Path.Join(dir, "f");
        File.WriteAllText(path, "hello");
        Assert.True(BoundedFile.TryReadAll(path, FileKind.UserPath, 100, CancellationToken.None, out var bytes, out var refusal), refusal);
        Assert.Equal("hello"u8.ToArray(), bytes);
    }

    [Fact]
    public void TryReadAll_FileOverCap_RefusesWithReason()
    {
        var path = Path.Join(dir, "f");
        File.WriteAllBytes(path, new byte[101]);
        Assert.False(BoundedFile.TryReadAll(path, FileKind.UserPath, 100, CancellationToken.None, out _, out var refusal));
        Assert.Contains("limit of 100 bytes", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryOpen_Fifo_RefusesAtOnceWithoutBlocking()
    {
        var path = Path.Join(dir, "fifo");
        Assert.Equal(0, Interop.Libc.mkfifo(path, 0x1b6));
        var open = Task.Run(() => (BoundedFile.TryOpen(path, FileKind.KernelFile, CancellationToken.None, out var refusal), refusal));
        var (file, refusal) = await open.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(file);
        Assert.Contains("fifo", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero", "character device")]
    [InlineData("/dev/urandom", "character device")]
    [InlineData("/proc", "directory")]
    public void TryOpen_NotRegular_RefusesWithType(string path, string type)
    {
        Assert.Null(BoundedFile.TryOpen(path, FileKind.KernelFile, CancellationToken.None, out var refusal));
        Assert.Contains(type, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_ProcFileForUserPath_RefusedButReadableAsKernelFile()
    {
        Assert.Null(BoundedFile.TryOpen("/proc/self/pagemap", FileKind.UserPath, CancellationToken.None, out var refusal));
        Assert.Contains("proc", refusal, StringComparison.Ordinal);
        Assert.True(BoundedFile.TryReadAll("/proc/self/status", FileKind.KernelFile, 1 << 20, CancellationToken.None, out var bytes, out refusal), refusal);
        Assert.Equal("Name:"u8.ToArray(), bytes[..5]);
    }

    [Fact]
    public void TryReadAll_KernelFilesOneAfterAnother_EachGetsItsOwnExactBytes()
    {
        // Kernel files start in a per-thread scratch page: what one read returns must not change with the next.
        Assert.True(BoundedFile.TryReadAll("/proc/self/comm", FileKind.KernelFile, 1 << 20, CancellationToken.None, out var comm, out var refusal), refusal);
        var commText = Encoding.UTF8.GetString(comm);
        Assert.True(BoundedFile.TryReadAll("/proc/self/stat", FileKind.KernelFile, 1 << 20, CancellationToken.None, out var stat, out refusal), refusal);

        Assert.Equal(commText, Encoding.UTF8.GetString(comm));
        Assert.EndsWith("\n", commText, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText("/proc/self/comm"), commText);
        Assert.StartsWith(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " (", Encoding.UTF8.GetString(stat), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_KernelFileLargerThanAPage_ReturnsAllOfIt()
    {
        // /proc/self/maps of a .NET process runs to many pages: the read grows past the scratch page.
        Assert.True(BoundedFile.TryReadAll("/proc/self/maps", FileKind.KernelFile, 32 << 20, CancellationToken.None, out var maps, out var refusal), refusal);

        Assert.True(maps.Length > 4096, $"{maps.Length} bytes");
        Assert.Equal((byte)'\n', maps[^1]);
        Assert.Contains("[stack]", Encoding.UTF8.GetString(maps), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_KernelFileWithoutEnd_StopsAtCap()
    {
        // pagemap reports size 0 and reads on for the whole address space: the cap, not its size, ends the read.
        Assert.False(BoundedFile.TryReadAll("/proc/self/pagemap", FileKind.KernelFile, 1 << 20, CancellationToken.None, out _, out var refusal));
        Assert.Contains("limit", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Cancelled_Throws()
    {
        var path = Path.Join(dir, "f");
        File.WriteAllText(path, "x");
        using var cts = new CancellationTokenSource();
        using var file = BoundedFile.TryOpen(path, FileKind.UserPath, cts.Token, out var refusal);
        Assert.NotNull(file);
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => file.TryRead(new byte[16], out _, out _));
    }

    [Fact]
    public void AsStream_ReadsStopAtCapAndSeek()
    {
        var path = Path.Join(dir, "f");
        File.WriteAllText(path, "0123456789");
        using var file = BoundedFile.TryOpen(path, FileKind.UserPath, CancellationToken.None, out _)!;
        using var stream = file.AsStream(6);
        stream.Position = 2;
        var buffer = new byte[10];
        Assert.Equal(4, stream.ReadAtLeast(buffer, 10, throwOnEndOfStream: false));
        Assert.Equal("2345"u8.ToArray(), buffer[..4]);
    }
}
