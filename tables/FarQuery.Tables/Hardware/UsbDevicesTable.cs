// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per USB device (uevent DEVTYPE=usb_device: root hubs and attached devices, not their interfaces)
/// under /sys/bus/usb/devices. Fargate's microVM has no USB bus at all, so there the table is empty.</summary>
/// <remarks>Columns follow osquery's udev keys: usb_address is BUSNUM, usb_port is DEVNUM, version is bcdDevice
/// (udev's ID_REVISION), class/subclass/protocol are the decimal fields of uevent TYPE. Vendor and model names come
/// from usb.ids (what udev's hwdb ID_*_FROM_DATABASE holds), else from the device's own manufacturer and product
/// strings.</remarks>
public sealed partial class UsbDevicesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var entries = SysfsDevices.List(fs, "/sys/bus/usb/devices");
        if (entries.Count == 0)
        {
            yield break;
        }

        var ids = HardwareIdsCache.Load(fs, HardwareIdsCache.UsbPaths);
        foreach (var entry in entries)
        {
            var dir = "/sys/bus/usb/devices/" + entry;
            var uevent = SysfsDevices.Uevent(fs, dir);
            if (uevent.GetValueOrDefault("DEVTYPE") != "usb_device")
            {
                continue;
            }

            var bus = ParseInt(uevent.GetValueOrDefault("BUSNUM", "")) ?? SysfsDevices.Number(fs, dir + "/busnum");
            var dev = ParseInt(uevent.GetValueOrDefault("DEVNUM", "")) ?? SysfsDevices.Number(fs, dir + "/devnum");
            if (bus is null || dev is null)
            {
                // osquery drops devices without an address: a device mid-disconnect.
                continue;
            }

            var vendorId = SysfsDevices.Attr(fs, dir + "/idVendor").ToLowerInvariant();
            var modelId = SysfsDevices.Attr(fs, dir + "/idProduct").ToLowerInvariant();
            var row = NewRow();
            row.UsbAddress = bus;
            row.UsbPort = dev;
            row.VendorId = vendorId;
            row.ModelId = modelId;
            var vendor = ids?.Vendor(vendorId) ?? "";
            row.Vendor = vendor.Length > 0 ? vendor : SysfsDevices.Attr(fs, dir + "/manufacturer");
            var model = ids?.Device(vendorId, modelId) ?? "";
            row.Model = model.Length > 0 ? model : SysfsDevices.Attr(fs, dir + "/product");
            row.Version = SysfsDevices.Attr(fs, dir + "/bcdDevice");
            row.Serial = SysfsDevices.Attr(fs, dir + "/serial");

            var type = uevent.GetValueOrDefault("TYPE", "").Split('/');
            row.Class = type.Length == 3 ? type[0] : "";
            row.Subclass = type.Length == 3 ? type[1] : "";
            row.Protocol = type.Length == 3 ? type[2] : "";

            // The kernel's removable attribute: "removable", "fixed" or "unknown" (root hubs, and ports whose
            // firmware does not say).
            row.Removable = SysfsDevices.Attr(fs, dir + "/removable") switch
            {
                "removable" => 1L,
                "fixed" => 0L,
                _ => -1L,
            };
            yield return row;
        }
    }

    private static long? ParseInt(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
