// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

namespace FarQuery.Tables;

/// <summary>Reads of small one-value files (/proc/sys, /sys/class/dmi/id, /etc) shared by the system tables.</summary>
internal static class SysFiles
{
    /// <summary>The file's text without surrounding whitespace, or empty when it is missing or unreadable (DMI files
    /// are root-only and often absent inside a container).</summary>
    public static string ReadTrimmed(HostFileSystem fs, string path) =>
        fs.TryReadAllBytes(path, out var bytes) ? Encoding.UTF8.GetString(bytes).Trim() : "";

    /// <summary>uname's machine: /proc/sys/kernel/arch where the kernel has it (6.1+), else the runtime's view.</summary>
    public static string Machine(HostFileSystem fs)
    {
        var arch = ReadTrimmed(fs, "/proc/sys/kernel/arch");
        if (arch.Length > 0)
        {
            return arch;
        }

        return RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "armv7l",
            var other => other.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The host's name: /proc/sys/kernel/hostname (the UTS namespace's nodename, as gethostname returns it).</summary>
    public static string Hostname(HostFileSystem fs) => ReadTrimmed(fs, "/proc/sys/kernel/hostname");

    /// <summary>A stable id for this machine, upper-case UUID text: the DMI product_uuid when readable, else
    /// /etc/machine-id, else the kernel's boot_id. A Fargate task is its own microVM, so boot_id is unique per task
    /// where no DMI or machine-id is present.</summary>
    public static string MachineUuid(HostFileSystem fs)
    {
        var dmi = ReadTrimmed(fs, "/sys/class/dmi/id/product_uuid");
        if (Guid.TryParse(dmi, out var g))
        {
            return g.ToString().ToUpperInvariant();
        }

        var machineId = ReadTrimmed(fs, "/etc/machine-id");
        if (machineId.Length == 32 && Guid.TryParseExact(machineId, "N", out g))
        {
            return g.ToString().ToUpperInvariant();
        }

        var boot = ReadTrimmed(fs, "/proc/sys/kernel/random/boot_id");
        return Guid.TryParse(boot, out g) ? g.ToString().ToUpperInvariant() : "";
    }
}
