// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

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
        row[C.Hostname] = hostname;
        row[C.Uuid] = SysFiles.MachineUuid(fs);
        row[C.CpuType] = SysFiles.Machine(fs);
        row[C.CpuSubtype] = cpu?.Model ?? "";
        row[C.CpuBrand] = cpu?.Brand ?? "";
        row[C.CpuPhysicalCores] = cpu?.PhysicalCores;
        row[C.CpuLogicalCores] = cpu?.LogicalCores;
        row[C.CpuSockets] = cpu?.Sockets;
        row[C.CpuMicrocode] = cpu?.Microcode ?? "";
        row[C.PhysicalMemory] = memory.TryGetValue("MemTotal", out var total) ? total : null;
        row[C.HardwareVendor] = Dmi("sys_vendor");
        row[C.HardwareModel] = Dmi("product_name");
        row[C.HardwareVersion] = Dmi("product_version");
        row[C.HardwareSerial] = Dmi("product_serial");
        row[C.BoardVendor] = Dmi("board_vendor");
        row[C.BoardModel] = Dmi("board_name");
        row[C.BoardVersion] = Dmi("board_version");
        row[C.BoardSerial] = Dmi("board_serial");
        row[C.ComputerName] = hostname;
        row[C.LocalHostname] = hostname;
        yield return row;
    }
}
