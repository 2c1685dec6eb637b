// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Aot.Tests;

/// <summary>start_pages.c, the ELF constructor linked into the NativeAOT binary that asks for transparent huge pages for
/// the image's bss (where the runtime rebuilds its data at every start) before the runtime starts.</summary>
[Collection("aot")]
public sealed class StartPagesNativeTests(AotPublishTests.Published published)
{
    private const long HugePageKb = 2048;

    [Fact]
    public void Run_AgentImage_BssAfterTheImageIsMarkedForHugePagesInWholeHugePages()
    {
        Assert.True(published.ExitCode == 0, published.Output);

        // The app's parent is the agent: the app prints the agent's memory map.
        var (code, output) = AotPublishTests.Run(published.Binary, ["run", "--disable_stdout_logging", "--", "sh", "-c", "cat /proc/$PPID/smaps"], null);
        Assert.True(code == 0, output);
        var mappings = Parse(output);
        Assert.Contains(mappings, m => m.Path.EndsWith("/farquery", StringComparison.Ordinal));

        // Without transparent huge pages in the kernel, madvise refuses and the agent runs as before.
        var thp = "/sys/kernel/mm/transparent_hugepage/enabled";
        var marked = mappings.Where(m => m.Flags.Contains("hg")).ToList();
        if (!File.Exists(thp))
        {
            Assert.Empty(marked);
            return;
        }

        // The marked range is anonymous, whole 2 MB pages, and lies between the image's last mapping and the heap:
        // the image's bss, not some other mapping.
        var image = mappings.Last(m => m.Path.EndsWith("/farquery", StringComparison.Ordinal));
        var range = Assert.Single(marked);
        Assert.Equal("", range.Path);
        Assert.True(range.SizeKb > 0 && range.SizeKb % HugePageKb == 0, $"{range.SizeKb} kB");
        Assert.Equal(0UL, range.Start % (HugePageKb * 1024));
        Assert.True(range.Start >= image.End && range.Start - image.End < HugePageKb * 1024, $"image ends at {image.End:x}, marked range starts at {range.Start:x}");
    }

    private sealed record Mapping(ulong Start, ulong End, string Path, long SizeKb, string[] Flags);

    /// <summary>/proc/&lt;pid&gt;/smaps: a header line per mapping (range, permissions, offset, device, inode, path), then
    /// "Key: value" lines, VmFlags the last.</summary>
    private static List<Mapping> Parse(string smaps)
    {
        var result = new List<Mapping>();
        ulong start = 0, end = 0;
        var path = "";
        long size = 0;
        foreach (var line in smaps.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                var bounds = fields[0].Split('-');
                start = ulong.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                end = ulong.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                path = fields.Length >= 6 ? fields[5] : "";
            }
            else if (fields.Length >= 2 && fields[0] == "Size:")
            {
                size = long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            else if (fields.Length >= 1 && fields[0] == "VmFlags:")
            {
                result.Add(new Mapping(start, end, path, size, fields[1..]));
            }
        }

        return result;
    }
}
