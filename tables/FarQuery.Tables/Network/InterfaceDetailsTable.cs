// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Network interfaces of the container's namespace: counters from /proc/net/dev, link attributes from
/// /sys/class/net/&lt;name&gt;/ (absent attributes, as under gVisor, read as NULL). <c>interface =</c> filters.</summary>
public sealed partial class InterfaceDetailsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/net/dev", out var bytes))
        {
            yield break;
        }

        var names = query.TextEquals(C.Interface);
        foreach (var dev in ProcNetDev.Parse(bytes))
        {
            if (names is not null && !names.Contains(dev.Name))
            {
                continue;
            }

            var sys = "/sys/class/net/" + dev.Name + "/";
            var row = NewRow();
            row.Interface = dev.Name;
            row.Mac = SysFiles.ReadTrimmed(Context.Fs, sys + "address") is { Length: > 0 } mac ? mac : "00:00:00:00:00:00";
            row.Type = Number(sys + "type");
            row.Mtu = Number(sys + "mtu");
            row.Metric = 0L;
            row.Flags = Number(sys + "flags");
            row.Ipackets = dev.RxPackets;
            row.Opackets = dev.TxPackets;
            row.Ibytes = dev.RxBytes;
            row.Obytes = dev.TxBytes;
            row.Ierrors = dev.RxErrors;
            row.Oerrors = dev.TxErrors;
            row.Idrops = dev.RxDropped;
            row.Odrops = dev.TxDropped;
            row.Collisions = dev.Collisions;

            // speed is -1 (or unreadable) for virtual links such as veth and lo.
            row.LinkSpeed = Number(sys + "speed") is { } speed and >= 0 ? speed : null;
            row.PciSlot = PciSlot(sys + "device/uevent");

            // last_change stays NULL: osquery reads it from macOS's interface data; Linux keeps no such time.
            yield return row;
        }
    }

    /// <summary>PCI_SLOT_NAME of the interface's device; empty for a virtual interface, which has no device.</summary>
    private string PciSlot(string uevent)
    {
        if (!Context.Fs.TryReadAllBytes(uevent, out var bytes))
        {
            return "";
        }

        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.StartsWith("PCI_SLOT_NAME=", StringComparison.Ordinal))
            {
                return line["PCI_SLOT_NAME=".Length..].Trim();
            }
        }

        return "";
    }

    /// <summary>A sysfs attribute as a number; decimal or 0x-prefixed hex (flags), null when absent or unreadable.</summary>
    private long? Number(string path)
    {
        var text = SysFiles.ReadTrimmed(Context.Fs, path);
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
