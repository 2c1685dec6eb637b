// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One identification row: hostname and machine id, CPU from /proc/cpuinfo, memory from /proc/meminfo, and
/// the DMI strings of /sys/class/dmi/id when the container can read them.</summary>
public sealed partial class SystemInfoTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var cpu = fs.TryReadAllBytes("/proc/cpuinfo", out var cpuBytes) ? CpuInfo.Parse(cpuBytes) : null;
        var memory = fs.TryReadAllBytes("/proc/meminfo", out var memBytes) ? MemInfo.Parse(memBytes) : [];
        string Dmi(string name) => SysFiles.ReadTrimmed(fs, "/sys/class/dmi/id/" + name);

        var hostname = SysFiles.Hostname(fs);
        var row = NewRow();
        row.Hostname = hostname;
        row.Uuid = SysFiles.MachineUuid(fs);
        row.CpuType = SysFiles.Machine(fs);
        row.CpuSubtype = cpu?.Model ?? "";
        row.CpuBrand = cpu?.Brand ?? "";
        row.CpuPhysicalCores = cpu?.PhysicalCores;
        row.CpuLogicalCores = cpu?.LogicalCores;
        row.CpuSockets = cpu?.Sockets;
        row.CpuMicrocode = cpu?.Microcode ?? "";
        row.PhysicalMemory = memory.TryGetValue("MemTotal", out var total) ? total : null;
        row.HardwareVendor = Dmi("sys_vendor");
        row.HardwareModel = Dmi("product_name");
        row.HardwareVersion = Dmi("product_version");
        row.HardwareSerial = Dmi("product_serial");
        row.BoardVendor = Dmi("board_vendor");
        row.BoardModel = Dmi("board_name");
        row.BoardVersion = Dmi("board_version");
        row.BoardSerial = Dmi("board_serial");
        row.ComputerName = hostname;
        row.LocalHostname = hostname;
        yield return row;
    }
}
