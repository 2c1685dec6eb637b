// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Reads /proc/[pid] for every process, or only the pids an <c>=</c>/<c>IN</c> constraint names.</summary>
public sealed partial class ProcessesTable(TableContext context) : Table(context)
{
    // USER_HZ is 100 on every Linux architecture Fargate runs (x86_64, arm64); man 5 proc.
    private const long ClockTicksPerSecond = 100;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var bootTime = BootTime(fs);
        IEnumerable<int> pids = query.IntegerEquals(C.Pid) is { } wanted
            ? wanted.Where(p => p is > 0 and <= int.MaxValue).Select(p => (int)p)
            : fs.ListPids();
        foreach (var pid in pids)
        {
            if (TryRead(fs, pid, bootTime, query) is { } row)
            {
                yield return row;
            }
        }
    }

    /// <summary>Boot time in UNIX seconds from /proc/stat, or 0.</summary>
    internal static long BootTime(HostFileSystem fs) =>
        fs.TryReadAllBytes("/proc/stat", out var stat) ? Math.Max(0, ProcText.Field(stat, "btime"u8)) : 0;

    private object?[]? TryRead(HostFileSystem fs, int pid, long bootTime, QueryContext query)
    {
        var dir = fs.OpenProcess(pid);

        // A process that exits mid-scan loses its /proc entry (ENOENT/ESRCH): skip the row, it is not an error.
        if (!fs.TryReadAllBytes(dir + "/stat", out var statBytes) || !ProcStat.TryParse(statBytes, out var stat))
        {
            return null;
        }

        fs.TryReadAllBytes(dir + "/status", out var statusBytes);
        ProcStatus.TryParse(statusBytes, out var status);

        var row = NewRow();
        row[C.Pid] = (long)pid;
        row[C.Name] = stat.Comm;
        row[C.State] = stat.State.ToString();
        row[C.Parent] = (long)stat.Parent;
        row[C.Pgroup] = (long)stat.ProcessGroup;
        row[C.Nice] = stat.Nice;
        row[C.Threads] = stat.Threads;
        row[C.UserTime] = stat.UserTicks * 1000 / ClockTicksPerSecond;
        row[C.SystemTime] = stat.SystemTicks * 1000 / ClockTicksPerSecond;
        row[C.StartTime] = bootTime > 0 ? bootTime + (stat.StartTicks / ClockTicksPerSecond) : -1L;
        row[C.TotalSize] = stat.VirtualBytes;
        row[C.ResidentSize] = status.VmRssKb >= 0 ? status.VmRssKb * 1024 : stat.ResidentPages * Environment.SystemPageSize;
        row[C.WiredSize] = 0L;
        row[C.Uid] = status.Uid;
        row[C.Euid] = status.Euid;
        row[C.Suid] = status.Suid;
        row[C.Gid] = status.Gid;
        row[C.Egid] = status.Egid;
        row[C.Sgid] = status.Sgid;

        if (query.IsUsed(C.Cmdline) && fs.TryReadAllBytes(dir + "/cmdline", out var cmdline))
        {
            row[C.Cmdline] = ProcText.JoinCmdline(cmdline);
        }

        if (query.IsUsed(C.Path) || query.IsUsed(C.OnDisk))
        {
            var hasExe = fs.TryReadLink(dir + "/exe", out var exe);
            row[C.Path] = hasExe ? exe.Replace(" (deleted)", "", StringComparison.Ordinal) : "";

            // The kernel appends " (deleted)" to the exe link of a binary unlinked after exec: the drop-and-execute signal.
            row[C.OnDisk] = !hasExe ? -1 : exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? 0 : 1;
        }

        if (query.IsUsed(C.Cwd) && fs.TryReadLink(dir + "/cwd", out var cwd))
        {
            row[C.Cwd] = cwd;
        }

        if (query.IsUsed(C.Root) && fs.TryReadLink(dir + "/root", out var root))
        {
            row[C.Root] = root;
        }

        if ((query.IsUsed(C.DiskBytesRead) || query.IsUsed(C.DiskBytesWritten)) && fs.TryReadAllBytes(dir + "/io", out var io))
        {
            row[C.DiskBytesRead] = ProcText.Field(io, "read_bytes"u8);
            row[C.DiskBytesWritten] = ProcText.Field(io, "write_bytes"u8);
        }

        if (query.IsUsed(C.CgroupPath) && fs.TryReadAllBytes(dir + "/cgroup", out var cgroup))
        {
            row[C.CgroupPath] = ProcText.CgroupPath(cgroup);
        }

        return row;
    }
}
