// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Directory listings and attribute reads under /sys shared by the hardware tables (block, PCI, USB, ACPI).</summary>
internal static class SysfsDevices
{
    /// <summary>The names in a directory, sorted ordinally so rows come out in a stable order; empty when the directory
    /// is missing or unreadable (a Fargate microVM has no /sys/bus/usb, and /sys may be masked in a container).</summary>
    public static IReadOnlyList<string> List(HostFileSystem fs, string dir)
    {
        try
        {
            var names = Directory.EnumerateFileSystemEntries(fs.Resolve(dir)).Select(Path.GetFileName).OfType<string>().ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>True when the path exists (file, directory or link) under the context's root.</summary>
    public static bool Exists(HostFileSystem fs, string path)
    {
        var real = fs.Resolve(path);
        return File.Exists(real) || Directory.Exists(real);
    }

    /// <summary>A one-value attribute file's text without surrounding whitespace; empty when missing.</summary>
    public static string Attr(HostFileSystem fs, string path) => SysFiles.ReadTrimmed(fs, path);

    /// <summary>An attribute holding a decimal number, or null when missing or not a number.</summary>
    public static long? Number(HostFileSystem fs, string path) =>
        long.TryParse(Attr(fs, path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The last component of a symlink's target (a driver link such as ../../../bus/pci/drivers/virtio-pci),
    /// or empty when the link is absent (a device no driver has bound).</summary>
    public static string LinkName(HostFileSystem fs, string path) =>
        fs.TryReadLink(path, out var target) ? Path.GetFileName(target.TrimEnd('/')) : "";

    /// <summary>KEY=value lines of the device's uevent file.</summary>
    public static Dictionary<string, string> Uevent(HostFileSystem fs, string dir)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fs.TryReadAllBytes(dir + "/uevent", out var bytes))
        {
            foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    result[line[..eq]] = line[(eq + 1)..].Trim();
                }
            }
        }

        return result;
    }

    /// <summary>A "0x1af4"-style sysfs id without its 0x prefix, lower-case (the form pci.ids keys use).</summary>
    public static string HexId(string raw)
    {
        var s = raw.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? raw[2..] : raw;
        return s.ToLowerInvariant();
    }
}
