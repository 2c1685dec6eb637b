// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>When the tracer may spin: the CPU count from the affinity mask and the cgroup's quota (fixture trees).</summary>
public sealed class WaitSpinTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("fq-spin-").FullName;

    public void Dispose() => Directory.Delete(root, true);

    [Theory]
    [InlineData("max 100000\n", null)]
    [InlineData("200000 100000\n", 2.0)]
    [InlineData("150000 100000", 1.5)]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    public void ParseCpuMax_FileText_GivesCpusOrNone(string text, double? expected) =>
        Assert.Equal(expected, WaitSpin.ParseCpuMax(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("-1\n", "100000\n", null)]
    [InlineData("50000\n", "100000\n", 0.5)]
    [InlineData("400000", "100000", 4.0)]
    public void ParseQuota_V1Files_GivesCpusOrNone(string quota, string period, double? expected) =>
        Assert.Equal(expected, WaitSpin.ParseQuota(Encoding.ASCII.GetBytes(quota), Encoding.ASCII.GetBytes(period)));

    [Fact]
    public void CgroupCpus_V2QuotaOnAnAncestor_IsTheSmallest()
    {
        Write("proc/self/cgroup", "0::/ecs/task/container\n");
        Write("sys/fs/cgroup/ecs/task/container/cpu.max", "max 100000\n");
        Write("sys/fs/cgroup/ecs/task/cpu.max", "100000 100000\n");
        Write("sys/fs/cgroup/ecs/cpu.max", "400000 100000\n");
        Assert.Equal(1.0, WaitSpin.CgroupCpus(new HostFileSystem(root)));
    }

    [Fact]
    public void CgroupCpus_V1Quota_IsRead()
    {
        Write("proc/self/cgroup", "5:cpu,cpuacct:/ecs/t1\n4:memory:/ecs/t1\n");
        Write("sys/fs/cgroup/cpu/ecs/t1/cpu.cfs_quota_us", "256000\n");
        Write("sys/fs/cgroup/cpu/ecs/t1/cpu.cfs_period_us", "100000\n");
        Assert.Equal(2.56, WaitSpin.CgroupCpus(new HostFileSystem(root)));
    }

    [Fact]
    public void CgroupCpus_NoQuotaAnywhere_IsUnlimited()
    {
        Write("proc/self/cgroup", "0::/\n");
        Write("sys/fs/cgroup/cpu.stat", "usage_usec 1\n");
        Assert.True(double.IsPositiveInfinity(WaitSpin.CgroupCpus(new HostFileSystem(root))));
    }

    [Fact]
    public void Bound_OneCpuQuota_IsZero()
    {
        Write("proc/self/cgroup", "0::/task\n");
        Write("sys/fs/cgroup/task/cpu.max", "100000 100000\n");
        Assert.Equal(0, WaitSpin.Bound(50, new HostFileSystem(root)));
    }

    [Fact]
    public void Bound_ZeroRequested_IsZero()
    {
        Write("proc/self/cgroup", "0::/\n");
        Assert.Equal(0, WaitSpin.Bound(0, new HostFileSystem(root)));
    }

    [Fact]
    public void AffinityCount_ThisProcess_MatchesCpusAllowedList()
    {
        // The kernel's own count of this thread's mask, from /proc/thread-self/status ("0-1,4").
        var line = File.ReadAllLines("/proc/thread-self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var count = 0;
        foreach (var part in line["Cpus_allowed_list:".Length..].Trim().Split(','))
        {
            var range = part.Split('-');
            count += range.Length == 1 ? 1 : int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) - int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        Assert.Equal(count, WaitSpin.AffinityCount());
    }

    private void Write(string path, string text)
    {
        var full = Path.Join(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
