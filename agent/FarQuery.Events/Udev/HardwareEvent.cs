// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Udev;

/// <summary>The <c>hardware_events</c> fields of one uevent, mapped as osquery maps udev's device (docs/osquery-compat.md §1,
/// hardware_events). osquery reads udevd's <c>ID_*</c> properties (hwdb names, serials); FarQuery has no udevd, so a
/// kernel message rarely carries them and the fields fall back to what the kernel does send (<c>PRODUCT</c>,
/// <c>PCI_ID</c>) and then to the device's sysfs attributes (<c>idVendor</c>, <c>manufacturer</c>, <c>vendor</c>,
/// <c>model</c>, ...).</summary>
public sealed record HardwareEvent(
    string Action,
    string? Path,
    string? Type,
    string? Driver,
    string? Model,
    string? ModelId,
    string? Vendor,
    string? VendorId,
    string? Serial,
    string? Revision,
    string? Subsystem = null)
{
    // How many directories above the device to look for identifying attributes: a partition (block/sda/sda1) is three
    // below the SCSI device that has vendor/model, a USB interface one below its usb_device.
    private const int MaxParents = 3;

    /// <summary>Maps <paramref name="uevent"/>; null when osquery would not report it either: no device node and no
    /// driver (module loads, bus and class kobjects, bare net interfaces). Attributes are read through
    /// <paramref name="fs"/> (its root replaceable for fixture trees), except for <c>remove</c> events, whose sysfs
    /// directory is already gone.</summary>
    public static HardwareEvent? From(Uevent uevent, HostFileSystem fs)
    {
        var devName = uevent.Get("DEVNAME");
        var driver = uevent.Get("DRIVER");
        if (devName is null && driver is null)
        {
            return null;
        }

        // udev's devnode: DEVNAME is relative to /dev (null, bus/usb/001/002) unless a driver gave an absolute one.
        var path = devName is null ? null : devName.StartsWith('/') ? devName : "/dev/" + devName;
        var subsystem = uevent.Get("SUBSYSTEM");

        // osquery reports DEVTYPE; many classes (mem, tty, input) have none, so the subsystem names the kind there.
        var type = uevent.Get("DEVTYPE") ?? subsystem;
        var (productVendor, productModel, productRevision) = FromProduct(subsystem, uevent.Get("PRODUCT"));
        var (pciVendor, pciModel) = FromPciId(uevent.Get("PCI_ID"));
        var attributes = uevent.Action == "remove" ? Attributes.None : Attributes.Read(fs, uevent.DevPath);

        return new HardwareEvent(
            Action: uevent.Action,
            Path: path,
            Type: type,
            Driver: driver,
            Model: uevent.Get("ID_MODEL_FROM_DATABASE") ?? uevent.Get("ID_MODEL") ?? attributes.Get("product") ?? attributes.Text("model"),
            ModelId: uevent.Get("ID_MODEL_ID") ?? productModel ?? pciModel ?? HexId(attributes.Get("idProduct")) ?? attributes.Hex("device"),
            Vendor: uevent.Get("ID_VENDOR_FROM_DATABASE") ?? uevent.Get("ID_VENDOR") ?? attributes.Get("manufacturer") ?? attributes.Text("vendor"),
            VendorId: uevent.Get("ID_VENDOR_ID") ?? productVendor ?? pciVendor ?? HexId(attributes.Get("idVendor")) ?? attributes.Hex("vendor"),
            Serial: uevent.Get("ID_SERIAL_SHORT") ?? attributes.Get("serial"),
            Revision: uevent.Get("ID_REVISION") ?? productRevision ?? attributes.Get("bcdDevice") ?? attributes.Get("rev") ?? attributes.Hex("revision"),
            Subsystem: subsystem);
    }

    /// <summary>The USB <c>PRODUCT=vendor/product/bcdDevice</c> (hex without padding) or the input
    /// <c>PRODUCT=bustype/vendor/product/version</c>, as udev spells IDs: four lowercase hex digits.</summary>
    private static (string? Vendor, string? Model, string? Revision) FromProduct(string? subsystem, string? product)
    {
        if (product is null)
        {
            return default;
        }

        var parts = product.Split('/');
        return (subsystem, parts.Length) switch
        {
            ("usb", 3) => (HexId(parts[0]), HexId(parts[1]), HexId(parts[2])),
            ("input", 4) => (HexId(parts[1]), HexId(parts[2]), HexId(parts[3])),
            _ => default,
        };
    }

    /// <summary>The PCI <c>PCI_ID=VVVV:DDDD</c>.</summary>
    private static (string? Vendor, string? Model) FromPciId(string? pciId)
    {
        var colon = pciId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? (HexId(pciId![..colon]), HexId(pciId[(colon + 1)..])) : default;
    }

    /// <summary>A hex ID as four (or more) lowercase digits without <c>0x</c>; null when not hex.</summary>
    private static string? HexId(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        return uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            ? id.ToString("x4", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The identifying attributes of the nearest directory, at or above the device, that has
    /// <c>idVendor</c> (USB) or <c>vendor</c> (PCI, SCSI, virtio).</summary>
    private sealed class Attributes
    {
        public static readonly Attributes None = new(null, null);

        private static readonly string[] Names = ["idVendor", "idProduct", "manufacturer", "product", "serial", "bcdDevice", "vendor", "device", "model", "rev", "revision"];

        private readonly HostFileSystem? fs;
        private readonly string? dir;

        private Attributes(HostFileSystem? fs, string? dir)
        {
            this.fs = fs;
            this.dir = dir;
        }

        public static Attributes Read(HostFileSystem fs, string devPath)
        {
            // Only device directories: a module or bus kobject has no identifying attributes, and ".." must not climb
            // out of /sys/devices.
            if (!devPath.StartsWith("/devices/", StringComparison.Ordinal) || devPath.Contains("/..", StringComparison.Ordinal))
            {
                return None;
            }

            var dir = "/sys" + devPath.TrimEnd('/');
            for (var i = 0; i <= MaxParents && dir.Length > "/sys/devices".Length; i++)
            {
                var candidate = new Attributes(fs, dir);
                if (candidate.Get("idVendor") is not null || candidate.Get("vendor") is not null)
                {
                    return candidate;
                }

                dir = dir[..dir.LastIndexOf('/')];
            }

            return None;
        }

        /// <summary>An attribute's trimmed text; null when missing, unreadable or empty.</summary>
        public string? Get(string name)
        {
            if (fs is null || dir is null || Array.IndexOf(Names, name) < 0 || !fs.TryReadAllBytes(dir + "/" + name, out var bytes))
            {
                return null;
            }

            // Attributes are one short line; SCSI pads vendor/model with spaces.
            var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 256))).Trim();
            return text.Length > 0 ? text : null;
        }

        /// <summary>An attribute that is a name (SCSI "ATA"), not a <c>0x</c> ID (PCI "0x8086").</summary>
        public string? Text(string name) => Get(name) is { } v && !v.StartsWith("0x", StringComparison.Ordinal) ? v : null;

        /// <summary>An attribute that is a <c>0x</c> ID, as four lowercase hex digits.</summary>
        public string? Hex(string name) => Get(name) is { } v && v.StartsWith("0x", StringComparison.Ordinal) ? HexId(v) : null;
    }
}
