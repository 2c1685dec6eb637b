// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Parsers;

/// <summary>Every parser, fed every prefix of a captured file (what a read cut short by a dying process or a full
/// buffer looks like), returns what it could read and never throws.</summary>
public sealed class TruncatedInputTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "proc/4242/net/tcp", "tcp" },
        { "proc/4242/net/tcp6", "tcp6" },
        { "proc/4242/net/udp", "udp" },
        { "proc/4242/net/unix", "unix" },
        { "proc/4242/environ", "environ" },
        { "proc/4242/stat", "stat" },
        { "proc/4242/status", "status" },
        { "proc/mounts", "mounts" },
        { "proc/cpuinfo", "cpuinfo" },
        { "proc/meminfo", "meminfo" },
        { "proc/stat", "cpustat" },
        { "proc/loadavg", "loadavg" },
        { "proc/uptime", "uptime" },
        { "proc/cmdline", "cmdline" },
        { "etc/passwd", "passwd" },
        { "etc/group", "group" },
        { "etc/os-release", "osrelease" },
        { "etc/apt/sources.list", "aptlist" },
        { "etc/apt/sources.list.d/docker.list", "aptlist" },
        { "etc/sysctl.d/99-custom.conf", "sysctl" },
        { "var/run/utmp", "utmp" },
        { "var/log/wtmp", "utmp" },
        { "etc/shadow", "shadow" },
        { "etc/sudoers", "sudoers" },
        { "etc/protocols", "protocols" },
        { "etc/ssh/ssh_config", "sshconfig" },
        { "home/cloudsdk/.ssh/config", "sshconfig" },
        { "home/cloudsdk/.ssh/deploy_pem", "sshkey" },
        { "home/cloudsdk/.ssh/id_ed25519", "sshkey" },
        { "proc/self/limits", "limits" },
    };

    [Theory]
    [InlineData("usr/share/misc/pci.ids")]
    [InlineData("usr/share/misc/usb.ids")]
    public void HardwareIds_EveryPrefix_NeverThrowsAndNeverGrowsPastTheWhole(string path)
    {
        var bytes = File.ReadAllBytes(Path.Join(Fixtures.Root("hardware"), path));
        var whole = HardwareIds.Parse(bytes).VendorCount;
        Assert.True(whole > 0);
        for (var length = 0; length <= bytes.Length; length++)
        {
            Assert.InRange(HardwareIds.Parse(bytes.AsSpan(0, length)).VendorCount, 0, whole);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_EveryPrefix_NeverThrowsAndNeverGrowsPastTheWhole(string path, string parser)
    {
        var bytes = File.ReadAllBytes(Path.Join(Fixtures.Root("debian12"), path));
        var whole = Count(parser, bytes);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var count = Count(parser, bytes.AsSpan(0, length));
            Assert.InRange(count, 0, whole);
        }
    }

    private static int Count(string parser, ReadOnlySpan<byte> text) => parser switch
    {
        "tcp" => ProcNetSocket.Parse(text, 2, ProcNetSocket.Tcp).Count,
        "tcp6" => ProcNetSocket.Parse(text, 10, ProcNetSocket.Tcp).Count,
        "udp" => ProcNetSocket.Parse(text, 2, ProcNetSocket.Udp).Count,
        "unix" => ProcNetUnix.Parse(text).Count,
        "environ" => ProcEnviron.Parse(text).Count,
        "stat" => ProcStat.TryParse(text, out _) ? 1 : 0,
        "status" => ProcStatus.TryParse(text, out _) ? 1 : 0,
        "mounts" => MountEntry.Parse(text).Count,
        "cpuinfo" => CpuInfo.Parse(text).LogicalCores,
        "meminfo" => MemInfo.Parse(text).Count,
        "cpustat" => CpuTimes.Parse(text).Count,
        "loadavg" => LoadAvg.Parse(text).Count,
        "uptime" => ProcUptime.TryParse(text, out _) ? 1 : 0,
        "cmdline" => KernelCmdline.Parse(text).Arguments.Length > 0 ? 1 : 0,
        "passwd" => PasswdEntry.Parse(text).Count,
        "group" => GroupEntry.Parse(text).Count,
        "osrelease" => OsRelease.Parse(text).Count,
        "aptlist" => AptSource.ParseList(text).Count,
        "sysctl" => Sysctl(text),
        "utmp" => UtmpRecord.Parse(text).Count,
        "shadow" => ShadowEntry.Parse(text).Count,
        "sudoers" => SudoersLine.Parse(text).Count,
        "protocols" => ProtocolEntry.Parse(text).Count,
        "sshconfig" => SshConfigLine.Parse(text).Count,
        "sshkey" => SshPrivateKey.TryParse(text, out _) ? 1 : 0,
        "limits" => ProcLimits.Parse(text).Count,
        _ => throw new ArgumentOutOfRangeException(nameof(parser)),
    };

    private static int Sysctl(ReadOnlySpan<byte> text)
    {
        var settings = new Dictionary<string, string>();
        SysctlConf.Parse(text, settings);
        return settings.Count;
    }
}
