// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per block device in /sys/class/block (disks, partitions, loop, device-mapper), named /dev/&lt;name&gt;.
/// As in osquery, a device's parent is the directory above it in /sys/devices (a partition's disk) or, for a logical
/// device such as dm-0, the device in its <c>slaves/</c>; children inherit the root device's vendor, model and
/// serial. A Fargate task normally sees only its virtio root disk, or nothing when /sys is masked, and then the table
/// is empty.</summary>
/// <remarks>size is the sysfs <c>size</c> attribute, which counts 512-byte sectors whatever the block size (osquery
/// reports the same number). osquery fills uuid, label and type with libblkid, which probes the device's superblock.
/// FarQuery links no libblkid; it reads the same probe results from udev's database
/// (/run/udev/data/b&lt;major&gt;:&lt;minor&gt;, where udev stores blkid's ID_FS_* keys) and then from the
/// /dev/disk/by-uuid and by-label links udev creates. Where there is no udev (inside a container) these columns stay
/// empty rather than opening raw devices.</remarks>
public sealed partial class BlockDevicesTable(TableContext context) : Table(context)
{
    private const string ClassBlock = "/sys/class/block";

    /// <summary>A device found in /sys/class/block: its name, its directory under /sys/devices and its parent.</summary>
    private sealed record Device(string Name, string Dir, string Parent)
    {
        public (string Vendor, string Model, string Serial, long? BlockSize)? Inherited { get; set; }
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var devices = new Dictionary<string, Device>(StringComparer.Ordinal);
        foreach (var entry in SysfsDevices.List(fs, ClassBlock))
        {
            // Entries are links into /sys/devices; the link's directory gives the parent.
            if (!fs.TryReadLink($"{ClassBlock}/{entry}", out var target))
            {
                continue;
            }

            var dir = Path.GetFullPath(target, ClassBlock);
            if (!SysfsDevices.Exists(fs, dir + "/uevent"))
            {
                continue;
            }

            var above = Path.GetFileName(Path.GetDirectoryName(dir)) ?? "";
            var parent = above == "block" ? SysfsDevices.List(fs, dir + "/slaves").FirstOrDefault() ?? "" : above;
            var name = "/dev/" + Path.GetFileName(dir);
            devices[name] = new Device(name, dir, parent.Length > 0 ? "/dev/" + parent : "");
        }

        var wanted = query.TextEquals(C.Name);
        Dictionary<string, string>? byUuid = null, byLabel = null;
        foreach (var device in devices.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (wanted is not null && !wanted.Contains(device.Name))
            {
                continue;
            }

            var (vendor, model, serial, blockSize) = Metadata(fs, device, devices, 0);
            var row = NewRow();
            row.Name = device.Name;
            row.Parent = device.Parent;
            row.Vendor = vendor;
            row.Model = model;
            row.Serial = serial;
            row.Size = SysfsDevices.Number(fs, device.Dir + "/size");
            row.BlockSize = blockSize;

            var probe = UdevProperties(fs, SysfsDevices.Attr(fs, device.Dir + "/dev"));
            var uuid = probe.GetValueOrDefault("ID_FS_UUID", "");
            var label = probe.GetValueOrDefault("ID_FS_LABEL", "");
            var shortName = device.Name["/dev/".Length..];
            if (uuid.Length == 0)
            {
                byUuid ??= DiskLinks(fs, "/dev/disk/by-uuid");
                uuid = byUuid.GetValueOrDefault(shortName, "");
            }

            if (label.Length == 0)
            {
                byLabel ??= DiskLinks(fs, "/dev/disk/by-label");
                label = byLabel.GetValueOrDefault(shortName, "");
            }

            row.Uuid = uuid;
            row.Label = label;
            row.Type = probe.GetValueOrDefault("ID_FS_TYPE", "");
            yield return row;
        }
    }

    /// <summary>Vendor, model and serial of the root of the device's chain (children inherit them, as in osquery), and
    /// the logical block size, the device's own or else its parent's (a partition has no queue/ directory).</summary>
    private static (string Vendor, string Model, string Serial, long? BlockSize) Metadata(
        HostFileSystem fs, Device device, Dictionary<string, Device> devices, int depth)
    {
        if (device.Inherited is { } known)
        {
            return known;
        }

        var blockSize = SysfsDevices.Number(fs, device.Dir + "/queue/logical_block_size");
        (string, string, string, long?) result;

        // The depth bound stops a slaves/ cycle, which a consistent sysfs never has.
        if (device.Parent.Length > 0 && depth < 16 && devices.TryGetValue(device.Parent, out var parent))
        {
            var p = Metadata(fs, parent, devices, depth + 1);
            result = (p.Vendor, p.Model, p.Serial, blockSize ?? p.BlockSize);
        }
        else
        {
            result = (First(fs, device.Dir, "device/vendor", "device/device/vendor"),
                First(fs, device.Dir, "device/model"),
                // virtio-blk has no device/serial; its serial sits on the disk itself.
                First(fs, device.Dir, "device/wwid", "device/serial", "serial"),
                blockSize);
        }

        device.Inherited = result;
        return result;
    }

    /// <summary>The first non-empty attribute among <paramref name="names"/> under <paramref name="dir"/>.</summary>
    private static string First(HostFileSystem fs, string dir, params string[] names)
    {
        foreach (var name in names)
        {
            var value = SysfsDevices.Attr(fs, $"{dir}/{name}");
            if (value.Length > 0)
            {
                return value;
            }
        }

        return "";
    }

    /// <summary>The E: (property) lines of udev's record for a block device "major:minor", or nothing when udev is
    /// absent.</summary>
    private static Dictionary<string, string> UdevProperties(HostFileSystem fs, string majorMinor)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (majorMinor.Length == 0 || !fs.TryReadAllBytes("/run/udev/data/b" + majorMinor, out var bytes))
        {
            return result;
        }

        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith("E:", StringComparison.Ordinal) && eq > 2)
            {
                result[line[2..eq]] = line[(eq + 1)..];
            }
        }

        return result;
    }

    /// <summary>Maps a device name (vda1) to the name of the /dev/disk/by-* link pointing at it, with udev's \xNN
    /// escapes (a space in a label is \x20) decoded.</summary>
    private static Dictionary<string, string> DiskLinks(HostFileSystem fs, string dir)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in SysfsDevices.List(fs, dir))
        {
            var target = SysfsDevices.LinkName(fs, $"{dir}/{link}");
            if (target.Length > 0)
            {
                result.TryAdd(target, Unescape(link));
            }
        }

        return result;
    }

    /// <summary>Decodes udev's \xNN escapes in a link name.</summary>
    private static string Unescape(string name)
    {
        if (!name.Contains("\\x", StringComparison.Ordinal))
        {
            return name;
        }

        var bytes = new List<byte>(name.Length);
        var raw = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 3 < raw.Length && raw[i + 1] == 'x'
                && byte.TryParse(Encoding.ASCII.GetString(raw, i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 3;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
