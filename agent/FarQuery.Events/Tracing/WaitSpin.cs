// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;
using System.Diagnostics;
using System.Numerics;
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The tracer's wait for the next stop: a bounded spin on <c>waitpid(WNOHANG)</c> right after a stop, then the
/// blocking wait. In a VM most of a ptrace round trip is the halted vCPU's wake-up (docs/tracer.md §2.3); a tracer
/// still running when the next stop of a burst comes saves that wake-up, at the price of the spin's CPU. Adaptive: a
/// spin that found nothing halves the next one, down to a floor; a stop caught while spinning restores the full
/// bound. Used only where it cannot take CPU from the app: the task may run on at least two CPUs at once
/// (<see cref="Bound"/>; docs/tracer.md §6, "Fewer system calls per exec").</summary>
internal sealed class WaitSpin
{
    private readonly long max;
    private readonly long floor;
    private long current;

    /// <summary>A spin of at most <paramref name="microseconds"/> (0: none).</summary>
    public WaitSpin(long microseconds)
    {
        max = microseconds * Stopwatch.Frequency / 1_000_000;
        floor = max / 4;
        current = max;
    }

    /// <summary>waitpid(-1, status, __WALL), preceded by the spin: what waitpid returned.</summary>
    public unsafe int Wait(int* status)
    {
        if (max > 0)
        {
            var deadline = Stopwatch.GetTimestamp() + current;
            do
            {
                var tid = waitpid(-1, status, __WALL | WNOHANG);
                if (tid != 0)
                {
                    // A stop or an exit; or an error, which the blocking call would return too.
                    current = max;
                    return tid;
                }
            }
            while (Stopwatch.GetTimestamp() < deadline);

            current = Math.Max(floor, current / 2);
        }

        return waitpid(-1, status, __WALL);
    }

    /// <summary>The spin to use: <paramref name="requested"/> microseconds when this process may run on at least two
    /// CPUs at once (its affinity mask and its cgroup's CPU quota), else 0: on one CPU, or under a quota of less than
    /// two, every microsecond spun is taken from the app.</summary>
    public static long Bound(long requested, HostFileSystem fs) =>
        requested <= 0 || AffinityCount() < 2 || CgroupCpus(fs) < 2 ? 0 : requested;

    /// <summary>CPUs in this thread's affinity mask (1 when it cannot be read).</summary>
    internal static unsafe int AffinityCount()
    {
        const int Bytes = 128;
        var mask = stackalloc byte[Bytes];
        if (sched_getaffinity(0, Bytes, mask) != 0)
        {
            return 1;
        }

        var count = 0;
        for (var i = 0; i < Bytes; i += 8)
        {
            count += BitOperations.PopCount(*(ulong*)(mask + i));
        }

        return count;
    }

    /// <summary>The CPUs the cgroup's quota allows, the smallest along the group and its ancestors: cgroup v2
    /// <c>cpu.max</c>, else v1 <c>cpu.cfs_quota_us</c> / <c>cpu.cfs_period_us</c>; infinity when there is none.</summary>
    internal static double CgroupCpus(HostFileSystem fs)
    {
        fs.TryReadAllBytes("/proc/self/cgroup", out var cgroup);
        var least = double.PositiveInfinity;
        if (FarQuery.Core.Memory.CgroupMemoryLimit.GroupPath(cgroup, controller: null) is { } v2)
        {
            foreach (var dir in Ancestors("/sys/fs/cgroup", v2))
            {
                if (fs.TryReadAllBytes(dir + "/cpu.max", out var max) && ParseCpuMax(max) is { } cpus)
                {
                    least = Math.Min(least, cpus);
                }
            }

            return least;
        }

        var v1 = FarQuery.Core.Memory.CgroupMemoryLimit.GroupPath(cgroup, "cpu") ?? "/";
        foreach (var mount in new[] { "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct" })
        {
            foreach (var dir in Ancestors(mount, v1))
            {
                if (fs.TryReadAllBytes(dir + "/cpu.cfs_quota_us", out var quota) && fs.TryReadAllBytes(dir + "/cpu.cfs_period_us", out var period)
                    && ParseQuota(quota, period) is { } cpus)
                {
                    least = Math.Min(least, cpus);
                }
            }
        }

        return least;
    }

    /// <summary>cgroup v2 <c>cpu.max</c> ("QUOTA PERIOD", or "max PERIOD" for none) as CPUs; null for none or garbage.</summary>
    internal static double? ParseCpuMax(ReadOnlySpan<byte> text)
    {
        text = text.Trim("\n\r\t "u8);
        var space = text.IndexOf((byte)' ');
        return space < 0 ? null : ParseQuota(text[..space], text[(space + 1)..]);
    }

    /// <summary>A quota and a period in microseconds as CPUs; null when the quota is -1 or "max" (none) or garbage.</summary>
    internal static double? ParseQuota(ReadOnlySpan<byte> quota, ReadOnlySpan<byte> period)
    {
        quota = quota.Trim("\n\r\t "u8);
        period = period.Trim("\n\r\t "u8);
        return Utf8Parser.TryParse(quota, out long q, out var qn) && qn == quota.Length && q > 0
            && Utf8Parser.TryParse(period, out long p, out var pn) && pn == period.Length && p > 0
            ? (double)q / p
            : null;
    }

    /// <summary>The group's directory under <paramref name="mount"/> and each parent up to the mount itself (a group
    /// in its own cgroup namespace is the mount).</summary>
    private static IEnumerable<string> Ancestors(string mount, string groupPath)
    {
        var path = groupPath.Contains("/..", StringComparison.Ordinal) ? "" : groupPath.TrimEnd('/');
        while (path.Length > 0)
        {
            yield return mount + path;
            path = path[..path.LastIndexOf('/')];
        }

        yield return mount;
    }
}
