// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>One row per disk in /sys/block and per partition below it (a sub-directory holding a <c>partition</c>
/// file, as the kernel lays them out). A Fargate task normally sees only its virtio root disk, or nothing when /sys is
/// masked, and then the table is empty.</summary>
/// <remarks>osquery fills uuid, label and type with libblkid, which probes the device's superblock. FarQuery links no
/// libblkid; it reads the same probe results from udev's database (/run/udev/data/b&lt;major&gt;:&lt;minor&gt;, where
/// udev stores blkid's ID_FS_* keys) and then from the /dev/disk/by-uuid and by-label links udev creates. Where there
/// is no udev (inside a container) these columns stay empty rather than opening raw devices.</remarks>
public sealed partial class BlockDevicesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var wanted = query.TextEquals(C.Name);
        Dictionary<string, string>? byUuid = null, byLabel = null;
        foreach (var disk in SysfsDevices.List(fs, "/sys/block"))
        {
            var dir = "/sys/block/" + disk;
            var blockSize = SysfsDevices.Number(fs, dir + "/queue/logical_block_size") ?? 512;
            var vendor = SysfsDevices.Attr(fs, dir + "/device/vendor");
            var model = SysfsDevices.Attr(fs, dir + "/device/model");
            var serial = SysfsDevices.Attr(fs, dir + "/device/serial");
            if (serial.Length == 0)
            {
                // virtio-blk puts the serial on the disk itself, SCSI on the device.
                serial = SysfsDevices.Attr(fs, dir + "/serial");
            }

            var members = new List<(string Name, string Dir, string Parent)> { (disk, dir, "") };
            foreach (var child in SysfsDevices.List(fs, dir))
            {
                if (SysfsDevices.Exists(fs, $"{dir}/{child}/partition"))
                {
                    members.Add((child, $"{dir}/{child}", "/dev/" + disk));
                }
            }

            foreach (var (name, devDir, parent) in members)
            {
                var devName = "/dev/" + name;
                if (wanted is not null && !wanted.Contains(devName))
                {
                    continue;
                }

                var row = NewRow();
                row[C.Name] = devName;
                row[C.Parent] = parent;
                row[C.Vendor] = vendor;
                row[C.Model] = model;
                row[C.Serial] = serial;

                // sysfs "size" is always in 512-byte sectors (Documentation/ABI/stable/sysfs-block); the column is in
                // blocks of block_size.
                var sectors = SysfsDevices.Number(fs, devDir + "/size");
                row[C.Size] = sectors is { } s && blockSize > 0 ? s * 512 / blockSize : null;
                row[C.BlockSize] = blockSize;

                var probe = UdevProperties(fs, SysfsDevices.Attr(fs, devDir + "/dev"));
                var uuid = probe.GetValueOrDefault("ID_FS_UUID", "");
                var label = probe.GetValueOrDefault("ID_FS_LABEL", "");
                if (uuid.Length == 0)
                {
                    byUuid ??= DiskLinks(fs, "/dev/disk/by-uuid");
                    uuid = byUuid.GetValueOrDefault(name, "");
                }

                if (label.Length == 0)
                {
                    byLabel ??= DiskLinks(fs, "/dev/disk/by-label");
                    label = byLabel.GetValueOrDefault(name, "");
                }

                row[C.Uuid] = uuid;
                row[C.Label] = label;
                row[C.Type] = probe.GetValueOrDefault("ID_FS_TYPE", "");
                yield return row;
            }
        }
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
