// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Scheduler.Config;

namespace FarQuery.Scheduler.Tests;

/// <summary>The one reader of operator-named files: it never blocks and never reads without end.</summary>
public sealed class BoundedFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-bounded-").FullName;

    [Fact]
    public void ReadAllText_RegularFile_ReturnsItsText()
    {
        var path = Path.Join(dir, "a.conf");
        File.WriteAllText(path, "{\"schedule\":{}}");
        Assert.Equal("{\"schedule\":{}}", BoundedFile.ReadAllText(path));
    }

    [Fact]
    public void ReadAllText_CharacterDevice_RefusedNamingPathAndCap()
    {
        var e = Assert.Throws<IOException>(() => BoundedFile.ReadAllText("/dev/zero"));
        Assert.Contains("/dev/zero", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
        Assert.Contains("16 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_FifoWithoutWriter_RefusedAtOnce()
    {
        var path = Path.Join(dir, "fifo");
        using (var p = Process.Start("mkfifo", [path]))
        {
            p.WaitForExit();
        }

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<IOException>(() => BoundedFile.ReadAllText(path));
        Assert.Contains("a FIFO", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ReadAllText_SparseFileOverTheCap_RefusedBeforeReading()
    {
        var path = Path.Join(dir, "sparse");
        using (var f = new FileStream(path, FileMode.CreateNew))
        {
            f.SetLength(3L << 30);
        }

        var e = Assert.Throws<IOException>(() => BoundedFile.ReadAllText(path));
        Assert.Contains("over the limit of 16 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_FileOverASmallerCap_Refused()
    {
        var path = Path.Join(dir, "secret");
        File.WriteAllBytes(path, new byte[BoundedFile.FlagFileMaxBytes + 1]);
        Assert.Throws<IOException>(() => BoundedFile.ReadAllText(path, BoundedFile.FlagFileMaxBytes));
    }

    [Fact]
    public void ReadAllText_DirectoryOrMissing_Refused()
    {
        Assert.Contains("a directory", Assert.Throws<IOException>(() => BoundedFile.ReadAllText(dir)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => BoundedFile.ReadAllText(Path.Join(dir, "missing")));
    }

    [Fact]
    public void LoadFile_PackNamingDevZero_IsAConfigErrorNamingThePack()
    {
        var config = Path.Join(dir, "c.conf");
        File.WriteAllText(config, """{"packs":{"z":"/dev/zero"}}""");
        var e = Assert.Throws<ConfigException>(() => ConfigParser.LoadFile(config));
        Assert.Contains("/dev/zero", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
