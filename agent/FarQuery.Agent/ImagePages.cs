// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Agent;

/// <summary>Gives back the pages of the agent's own executable that only its start needed (docs/tracer.md, "Measured costs
/// of the agent"). Starting reads most of the 19 MB image: the compressed runtime data it rebuilds, the code of flag
/// parsing and set-up, and whatever the kernel maps around each touched page. Those pages stay mapped, and counted in the
/// agent's resident memory, for the whole life of the container although an idle agent uses a few megabytes of them.
/// Dropping the pages of the clean read-only mappings of the image (the mappings stay) takes them out of the resident
/// set; they stay in the page cache while the kernel keeps them, and the pages the agent still uses come back on their
/// next touch.</summary>
internal static class ImagePages
{
    /// <summary>Drops the pages of this process's clean read-only mappings of <paramref name="path"/>; returns the bytes
    /// released, 0 when /proc/self/smaps cannot be read.</summary>
    public static long Release(string path)
    {
        string smaps;
        try
        {
            smaps = File.ReadAllText("/proc/self/smaps");
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }

        long released = 0;
        foreach (var (start, length) in CleanReadOnlyMappings(smaps, path))
        {
            if (Interop.Libc.madvise((nint)start, (nuint)length, Interop.Libc.MADV_DONTNEED) == 0)
            {
                released += (long)length;
            }
        }

        return released;
    }

    /// <summary>The mappings of <paramref name="path"/> in smaps text that can be dropped without losing anything: not
    /// writable and without a private dirty page. A relocated page (RELRO) is private and dirty, and dropping it would
    /// bring back the file's unrelocated bytes; a writable mapping may become dirty after the check.</summary>
    public static List<(ulong Start, ulong Length)> CleanReadOnlyMappings(ReadOnlySpan<char> smaps, string path)
    {
        var result = new List<(ulong, ulong)>();
        ulong start = 0, end = 0;
        var candidate = false;
        long dirtyKb = 0;
        foreach (var range in smaps.Split('\n'))
        {
            var line = smaps[range];
            if (IsHeader(line, out var s, out var e, out var permissions, out var file))
            {
                start = s;
                end = e;
                candidate = file.SequenceEqual(path) && permissions.Length == 4 && permissions[0] == 'r' && permissions[1] == '-';
                dirtyKb = 0;
            }
            else if (line.StartsWith("Private_Dirty:", StringComparison.Ordinal))
            {
                dirtyKb = ParseKb(line["Private_Dirty:".Length..]);
            }
            else if (line.StartsWith("VmFlags:", StringComparison.Ordinal) && candidate && dirtyKb == 0 && end > start)
            {
                // VmFlags closes each mapping's block.
                result.Add((start, end - start));
                candidate = false;
            }
        }

        return result;
    }

    /// <summary>"start-end perms offset dev inode [path]": a block's first line. Key lines ("Rss:  4 kB") have no '-'
    /// in their first field.</summary>
    private static bool IsHeader(ReadOnlySpan<char> line, out ulong start, out ulong end, out ReadOnlySpan<char> permissions, out ReadOnlySpan<char> path)
    {
        start = end = 0;
        permissions = path = default;
        var space = line.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var bounds = line[..space];
        var dash = bounds.IndexOf('-');
        if (dash <= 0 || bounds[^1] == ':'
            || !ulong.TryParse(bounds[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out start)
            || !ulong.TryParse(bounds[(dash + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out end))
        {
            return false;
        }

        // Five fields, then the path, which may hold spaces.
        var rest = line[(space + 1)..];
        for (var field = 0; field < 4; field++)
        {
            rest = rest.TrimStart(' ');
            var next = rest.IndexOf(' ');
            if (field == 0)
            {
                permissions = next < 0 ? rest : rest[..next];
            }

            rest = next < 0 ? [] : rest[next..];
        }

        path = rest.Trim(' ');
        return true;
    }

    private static long ParseKb(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        var space = value.IndexOf(' ');
        return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : -1;
    }
}
