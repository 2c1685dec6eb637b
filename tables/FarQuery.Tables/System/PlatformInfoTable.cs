// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Firmware facts Fleet asks for at enrollment: the BIOS strings of /sys/class/dmi/id (often hidden in a
/// container, then empty) and whether the machine booted through UEFI (/sys/firmware/efi exists).</summary>
public sealed partial class PlatformInfoTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        string Dmi(string name) => SysFiles.ReadTrimmed(fs, "/sys/class/dmi/id/" + name);
        var row = NewRow();
        row[C.Vendor] = Dmi("bios_vendor");
        row[C.Version] = Dmi("bios_version");
        row[C.Date] = Dmi("bios_date");
        row[C.Revision] = Dmi("bios_release");
        row[C.Extra] = "";
        row[C.FirmwareType] = Directory.Exists(fs.Resolve("/sys/firmware/efi")) ? "uefi"
            : Directory.Exists(fs.Resolve("/sys/firmware")) ? "bios" : "unknown";
        row[C.Address] = "";
        row[C.Size] = "";
        row[C.VolumeSize] = 0L;
        yield return row;
    }
}
