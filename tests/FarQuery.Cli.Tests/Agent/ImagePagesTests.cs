// SPDX-License-Identifier: Apache-2.0
using System.IO.MemoryMappedFiles;
using FarQuery.Agent;

namespace FarQuery.Cli.Tests.Agent;

/// <summary>The agent unmaps the clean read-only pages of its own image once started: which mappings qualify, and that
/// a real mapping's pages leave the resident set and come back intact.</summary>
public sealed class ImagePagesTests
{
    // Shaped like /proc/self/smaps of the NativeAOT agent (trimmed to the lines the parser reads, plus a few others).
    private const string Smaps = """
        55ebedc3b000-55ebedc5a000 r--p 00000000 fe:00 11722998                   /opt/farquery/bin/farquery
        Size:                124 kB
        Rss:                 124 kB
        Private_Dirty:         0 kB
        VmFlags: rd mr mw me sd
        55ebedc5a000-55ebee58a000 r-xp 0001f000 fe:00 11722998                   /opt/farquery/bin/farquery
        Size:               9408 kB
        Private_Dirty:         0 kB
        VmFlags: rd ex mr mw me sd
        55ebeea67000-55ebeea68000 r--p 00e38000 fe:00 11722998                   /opt/farquery/bin/farquery
        Size:                  4 kB
        Private_Dirty:         4 kB
        VmFlags: rd mr mw me ac sd
        55ebeee07000-55ebeee46000 rw-p 011dc000 fe:00 11722998                   /opt/farquery/bin/farquery
        Size:                252 kB
        Private_Dirty:         0 kB
        VmFlags: rd wr mr mw me ac sd
        55ebeee46000-55ebef000000 rw-p 00000000 00:00 0
        Size:               1768 kB
        Private_Dirty:      1768 kB
        VmFlags: rd wr mr mw me ac sd
        7f6270253000-7f627032f000 r-xp 00025000 fe:00 11723001                   /opt/farquery/bin/libe_sqlite3.so
        Size:                880 kB
        Private_Dirty:         0 kB
        VmFlags: rd ex mr mw me sd
        7f6270400000-7f6270401000 r--s 00000000 fe:00 11723005                   /tmp/a file with spaces
        Size:                  4 kB
        Private_Dirty:         0 kB
        VmFlags: rd mr me ms sd
        """;

    [Fact]
    public void CleanReadOnlyMappings_AgentSmaps_OnlyTheImagesCleanReadOnlyMappings()
    {
        var found = ImagePages.CleanReadOnlyMappings(Smaps, "/opt/farquery/bin/farquery");
        Assert.Equal([(0x55ebedc3b000UL, 124UL * 1024), (0x55ebedc5a000UL, 9408UL * 1024)], found);
    }

    [Fact]
    public void CleanReadOnlyMappings_PathWithSpaces_Found()
    {
        var found = ImagePages.CleanReadOnlyMappings(Smaps, "/tmp/a file with spaces");
        Assert.Equal([(0x7f6270400000UL, 4096UL)], found);
    }

    [Fact]
    public void CleanReadOnlyMappings_UnparsableDirtyCount_Skipped()
    {
        var smaps = Smaps.Replace("Private_Dirty:         0 kB", "Private_Dirty:         ? kB", StringComparison.Ordinal);
        Assert.Empty(ImagePages.CleanReadOnlyMappings(smaps, "/opt/farquery/bin/farquery"));
    }

    [Fact]
    public void Release_ReadOnlyFileMappingRead_PagesLeaveTheResidentSetAndReadBackIntact()
    {
        var path = Path.Join(Path.GetTempPath(), "fq-image-pages-" + Guid.NewGuid().ToString("N"));
        var content = new byte[1 << 20];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(path, content);
        try
        {
            using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            using var view = map.CreateViewAccessor(0, content.Length, MemoryMappedFileAccess.Read);
            var read = new byte[content.Length];
            view.ReadArray(0, read, 0, read.Length);
            Assert.Equal(content.Length / 1024, ResidentKb(path));

            var released = ImagePages.Release(path);

            Assert.True(released >= content.Length, $"released {released} bytes");
            Assert.Equal(0, ResidentKb(path));
            view.ReadArray(0, read, 0, read.Length);
            Assert.Equal(content, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Rss of this process's mappings of <paramref name="path"/>, from /proc/self/smaps.</summary>
    private static long ResidentKb(string path)
    {
        long total = 0;
        var inPath = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                inPath = line.EndsWith(" " + path, StringComparison.Ordinal);
            }
            else if (inPath && fields.Length >= 2 && fields[0] == "Rss:")
            {
                total += long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
