// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The PCI or USB ID database (pci.ids / usb.ids from the pciutils and usbutils projects): vendor lines
/// "vvvv  name", device lines "\tdddd  name", subsystem lines "\t\tssss ssss  name" (PCI only; usb.ids has interface
/// lines there), and the class section "C cc  name" / "\tss  name" / "\t\tpp  name". Other sections (usb.ids' AT, HID,
/// R, L, ...) are skipped. All ids are kept as lower-case hex, as the files write them.</summary>
internal sealed class HardwareIds
{
    private readonly Dictionary<string, string> vendors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Vendor, string Device), string> devices = [];
    private readonly Dictionary<(string Vendor, string Device, string Sub), string> subsystems = [];
    private readonly Dictionary<string, string> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Class, string Sub), string> subclasses = [];
    private readonly Dictionary<(string Class, string Sub, string Protocol), string> protocols = [];

    /// <summary>Number of vendors read.</summary>
    public int VendorCount => vendors.Count;

    /// <summary>Parses the whole file; malformed lines are skipped (the file is community-maintained text).</summary>
    public static HardwareIds Parse(ReadOnlySpan<byte> text)
    {
        var ids = new HardwareIds();
        string? vendor = null, device = null, cls = null, sub = null;
        var inClasses = false;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = Encoding.UTF8.GetString(text[range]).TrimEnd('\r', ' ');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var depth = line.Length > 1 && line[0] == '\t' ? (line[1] == '\t' ? 2 : 1) : 0;
            var body = line[depth..];
            if (depth == 0)
            {
                vendor = device = cls = sub = null;
                inClasses = false;
                if (body.StartsWith("C ", StringComparison.Ordinal) && TrySplit(body[2..], 2, out var c, out var cname))
                {
                    inClasses = true;
                    cls = c;
                    ids.classes.TryAdd(c, cname);
                }
                else if (TrySplit(body, 4, out var v, out var vname))
                {
                    vendor = v;
                    ids.vendors.TryAdd(v, vname);
                }

                // Any other top-level line opens a section we do not use; with vendor and cls null its children are
                // ignored.
                continue;
            }

            if (inClasses && cls is not null)
            {
                if (depth == 1 && TrySplit(body, 2, out var s, out var sname))
                {
                    sub = s;
                    ids.subclasses.TryAdd((cls, s), sname);
                }
                else if (depth == 2 && sub is not null && TrySplit(body, 2, out var p, out var pname))
                {
                    ids.protocols.TryAdd((cls, sub, p), pname);
                }
            }
            else if (vendor is not null)
            {
                if (depth == 1 && TrySplit(body, 4, out var d, out var dname))
                {
                    device = d;
                    ids.devices.TryAdd((vendor, d), dname);
                }
                else if (depth == 2 && device is not null && body.Length > 11 && body[4] == ' '
                    && IsHex(body.AsSpan(0, 4)) && IsHex(body.AsSpan(5, 4)))
                {
                    ids.subsystems.TryAdd((vendor, device, body[..9].ToLowerInvariant()), body[9..].Trim());
                }
            }
        }

        return ids;
    }

    /// <summary>The vendor's name, or empty.</summary>
    public string Vendor(string vendor) => vendors.GetValueOrDefault(vendor, "");

    /// <summary>The device's (model's) name under its vendor, or empty.</summary>
    public string Device(string vendor, string device) => devices.GetValueOrDefault((vendor, device), "");

    /// <summary>The name of a PCI subsystem (the board maker's variant of a chip), or empty.</summary>
    public string Subsystem(string vendor, string device, string subVendor, string subDevice) =>
        subsystems.GetValueOrDefault((vendor, device, subVendor + " " + subDevice), "");

    /// <summary>A class name ("Mass storage controller"), or empty.</summary>
    public string Class(string cls) => classes.GetValueOrDefault(cls, "");

    /// <summary>A subclass name, or empty.</summary>
    public string Subclass(string cls, string sub) => subclasses.GetValueOrDefault((cls, sub), "");

    /// <summary>A programming-interface (PCI) or protocol (USB) name, or empty.</summary>
    public string Protocol(string cls, string sub, string protocol) => protocols.GetValueOrDefault((cls, sub, protocol), "");

    /// <summary>Splits "hhhh  name" into a lower-case id of <paramref name="width"/> hex digits and the name.</summary>
    private static bool TrySplit(string body, int width, out string id, out string name)
    {
        if (body.Length > width + 1 && body[width] == ' ' && IsHex(body.AsSpan(0, width)))
        {
            id = body[..width].ToLowerInvariant();
            name = body[(width + 1)..].Trim();
            return true;
        }

        id = name = "";
        return false;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
