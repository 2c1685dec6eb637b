// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Loads pci.ids / usb.ids on first use and keeps the parsed database while the file is unchanged: the PCI
/// file is about 1.4 MB and every pci_devices query would otherwise parse it again.</summary>
internal static class HardwareIdsCache
{
    /// <summary>Where distributions install pci.ids (Debian's pci.ids package, pciutils, hwdata on Red Hat).</summary>
    public static readonly string[] PciPaths = ["/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids", "/usr/share/pci.ids"];

    /// <summary>Where distributions install usb.ids (Debian's usb.ids package, hwdata).</summary>
    public static readonly string[] UsbPaths = ["/usr/share/misc/usb.ids", "/usr/share/hwdata/usb.ids", "/usr/share/usb.ids"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (DateTime Modified, long Length, HardwareIds Ids)> Loaded = new(StringComparer.Ordinal);

    /// <summary>The first database found among <paramref name="paths"/>, or null when none is installed (the tables
    /// then report ids without names).</summary>
    public static HardwareIds? Load(HostFileSystem fs, string[] paths)
    {
        foreach (var path in paths)
        {
            var info = new FileInfo(fs.Resolve(path));
            if (!info.Exists)
            {
                continue;
            }

            lock (Gate)
            {
                if (Loaded.TryGetValue(info.FullName, out var hit) && hit.Modified == info.LastWriteTimeUtc && hit.Length == info.Length)
                {
                    return hit.Ids;
                }
            }

            if (!fs.TryReadAllBytes(path, out var bytes))
            {
                continue;
            }

            var ids = HardwareIds.Parse(bytes);
            lock (Gate)
            {
                Loaded[info.FullName] = (info.LastWriteTimeUtc, info.Length, ids);
            }

            return ids;
        }

        return null;
    }
}
