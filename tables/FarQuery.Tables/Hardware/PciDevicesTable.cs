// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per entry of /sys/bus/pci/devices. Ids come from the device's uevent (the keys udev itself
/// reads: PCI_SLOT_NAME, PCI_ID, PCI_SUBSYS_ID, PCI_CLASS), the driver from the <c>driver</c> link, names from pci.ids
/// when installed (osquery's hwdb names derive from the same file). Ids are printed as osquery does: "0x" and
/// lower-case hex. A Fargate microVM shows its few virtio functions; a masked /sys gives no rows.</summary>
public sealed partial class PciDevicesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var slots = SysfsDevices.List(fs, "/sys/bus/pci/devices");
        if (slots.Count == 0)
        {
            yield break;
        }

        var ids = HardwareIdsCache.Load(fs, HardwareIdsCache.PciPaths);
        foreach (var slot in slots)
        {
            var dir = "/sys/bus/pci/devices/" + slot;
            var uevent = SysfsDevices.Uevent(fs, dir);
            var row = NewRow();
            row.PciSlot = uevent.GetValueOrDefault("PCI_SLOT_NAME", slot);
            var driver = uevent.GetValueOrDefault("DRIVER", "");
            row.Driver = driver.Length > 0 ? driver : SysfsDevices.LinkName(fs, dir + "/driver");

            var (vendor, device) = SplitPair(uevent.GetValueOrDefault("PCI_ID", ""), fs, dir + "/vendor", dir + "/device");
            var (subVendor, subDevice) = SplitPair(uevent.GetValueOrDefault("PCI_SUBSYS_ID", ""), fs, dir + "/subsystem_vendor", dir + "/subsystem_device");
            row.VendorId = Hex(vendor);
            row.ModelId = Hex(device);
            row.SubsystemVendorId = Hex(subVendor);
            row.SubsystemModelId = Hex(subDevice);
            row.Vendor = ids?.Vendor(vendor) ?? "";
            row.Model = ids?.Device(vendor, device) ?? "";
            row.SubsystemVendor = ids?.Vendor(subVendor) ?? "";
            row.SubsystemModel = ids?.Subsystem(vendor, device, subVendor, subDevice) ?? "";

            // PCI_CLASS is the 24-bit class code in hex without leading zeros ("18000" = class 01, subclass 80,
            // prog-if 00); the sysfs class file has the same value as "0x018000".
            var code = uevent.GetValueOrDefault("PCI_CLASS", "");
            if (code.Length == 0)
            {
                code = SysfsDevices.HexId(SysfsDevices.Attr(fs, dir + "/class"));
            }

            code = code.ToLowerInvariant().PadLeft(6, '0');
            if (code.Length == 6)
            {
                var cls = code[..2];
                var sub = code[2..4];
                row.PciClassId = "0x" + cls;
                row.PciSubclassId = "0x" + sub;
                row.PciClass = ids?.Class(cls) ?? "";
                row.PciSubclass = ids?.Subclass(cls, sub) ?? "";
            }

            yield return row;
        }
    }

    /// <summary>"VVVV:DDDD" from uevent as two lower-case ids, else the two sysfs attribute files ("0x1af4").</summary>
    private static (string, string) SplitPair(string pair, HostFileSystem fs, string firstFile, string secondFile)
    {
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < pair.Length - 1)
        {
            return (pair[..colon].ToLowerInvariant(), pair[(colon + 1)..].ToLowerInvariant());
        }

        return (SysfsDevices.HexId(SysfsDevices.Attr(fs, firstFile)), SysfsDevices.HexId(SysfsDevices.Attr(fs, secondFile)));
    }

    private static string Hex(string id) => id.Length > 0 ? "0x" + id : "";
}
