// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per physical CPU package, from /proc/cpuinfo and cpufreq in /sys (osquery reads SMBIOS, which a
/// Fargate task cannot see). Counts are what the container is shown, which may be fewer CPUs than the host has.</summary>
public sealed partial class CpuInfoTable(TableContext context) : Table(context)
{
    private const long SocketPopulatedCpuEnabled = 0x41;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/cpuinfo", out var bytes))
        {
            yield break;
        }

        // cpuinfo_max_freq is in kHz; absent in most VMs and in gVisor.
        long? maxMhz = long.TryParse(SysFiles.ReadTrimmed(Context.Fs, "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"), NumberStyles.None, CultureInfo.InvariantCulture, out var khz) ? khz / 1000 : null;
        foreach (var s in CpuSocket.Parse(bytes))
        {
            var row = NewRow();
            row.DeviceId = "CPU" + s.PhysicalId.ToString(CultureInfo.InvariantCulture);
            row.Model = s.Model;
            row.Manufacturer = s.Manufacturer;
            row.ProcessorType = "Central Processor";
            row.NumberOfCores = s.Cores.ToString(CultureInfo.InvariantCulture);
            row.LogicalProcessors = (long)s.Logical;
            row.AddressWidth = s.LongMode ? "64" : "32";
            row.CurrentClockSpeed = s.Mhz;
            row.MaxClockSpeed = maxMhz;
            row.SocketDesignation = "CPU" + s.PhysicalId.ToString(CultureInfo.InvariantCulture);

            // SMBIOS's processor status byte, which osquery reports: /proc/cpuinfo lists online CPUs only, so every
            // package it shows is a populated socket (bit 6) with an enabled CPU (status 1).
            row.CpuStatus = SocketPopulatedCpuEnabled;
            yield return row;
        }
    }
}
