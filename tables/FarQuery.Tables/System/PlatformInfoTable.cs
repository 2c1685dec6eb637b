// SPDX-License-Identifier: Apache-2.0

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
        row.Vendor = Dmi("bios_vendor");
        row.Version = Dmi("bios_version");
        row.Date = Dmi("bios_date");
        row.Revision = Dmi("bios_release");
        row.Extra = "";
        row.FirmwareType = Directory.Exists(fs.Resolve("/sys/firmware/efi")) ? "uefi"
            : Directory.Exists(fs.Resolve("/sys/firmware")) ? "bios" : "unknown";
        row.Address = "";
        row.Size = "";
        row.VolumeSize = 0L;
        yield return row;
    }
}
