// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;
using FarQuery.Tables.Parsers;

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
            row[C.Interface] = dev.Name;
            row[C.Mac] = SysFiles.ReadTrimmed(Context.Fs, sys + "address") is { Length: > 0 } mac ? mac : "00:00:00:00:00:00";
            row[C.Type] = Number(sys + "type");
            row[C.Mtu] = Number(sys + "mtu");
            row[C.Metric] = 0L;
            row[C.Flags] = Number(sys + "flags");
            row[C.Ipackets] = dev.RxPackets;
            row[C.Opackets] = dev.TxPackets;
            row[C.Ibytes] = dev.RxBytes;
            row[C.Obytes] = dev.TxBytes;
            row[C.Ierrors] = dev.RxErrors;
            row[C.Oerrors] = dev.TxErrors;
            row[C.Idrops] = dev.RxDropped;
            row[C.Odrops] = dev.TxDropped;
            row[C.Collisions] = dev.Collisions;

            // speed is -1 (or unreadable) for virtual links such as veth and lo.
            row[C.LinkSpeed] = Number(sys + "speed") is { } speed and >= 0 ? speed : null;
            yield return row;
        }
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
