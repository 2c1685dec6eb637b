// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Reads /proc/[pid] for every process, or only the pids an <c>=</c>/<c>IN</c> constraint names.</summary>
public sealed partial class ProcessesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var bootTime = query.IsUsed(C.StartTime) ? BootTime(fs) : 0;
        var pids = ProcessSelection.Pids(query, C.Pid, fs);
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
        fs.TryReadAllBytes("/proc/stat", out var stat) && ProcStat.TryParseBootTime(stat, out var boot) ? boot : 0;

    /// <summary>Whether a column the query uses comes from /proc/[pid]/status.</summary>
    private static bool UsesStatus(QueryContext query) =>
        query.IsUsed(C.ResidentSize) || query.IsUsed(C.Uid) || query.IsUsed(C.Euid) || query.IsUsed(C.Suid)
        || query.IsUsed(C.Gid) || query.IsUsed(C.Egid) || query.IsUsed(C.Sgid);

    private object?[]? TryRead(HostFileSystem fs, int pid, long bootTime, QueryContext query)
    {
        var dir = fs.OpenProcess(pid);

        // A process that exits mid-scan loses its /proc entry (ENOENT/ESRCH): skip the row, it is not an error.
        if (!fs.TryReadAllBytes(dir + "/stat", out var statBytes) || !ProcStat.TryParse(statBytes, out var stat))
        {
            return null;
        }

        // The name, parent and times are in stat; status, a larger file and parse, is read only for the ids and the
        // resident size (docs/tables-and-paths.md, "Reading only what a query uses").
        var status = new ProcStatus("", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        if (UsesStatus(query) && fs.TryReadAllBytes(dir + "/status", out var statusBytes))
        {
            ProcStatus.TryParse(statusBytes, out status);
        }

        var row = NewRow();
        row.Pid = (long)pid;
        row.Name = stat.Comm;
        row.State = stat.State.ToString();
        row.Parent = (long)stat.Parent;
        row.Pgroup = (long)stat.ProcessGroup;
        row.Nice = stat.Nice;
        row.Threads = stat.Threads;
        row.UserTime = stat.UserTicks * 1000 / ProcStat.ClockTicksPerSecond;
        row.SystemTime = stat.SystemTicks * 1000 / ProcStat.ClockTicksPerSecond;
        row.StartTime = bootTime > 0 ? ProcStat.StartSeconds(bootTime, stat.StartTicks) : -1L;
        row.TotalSize = stat.VirtualBytes;
        row.ResidentSize = status.VmRssKb >= 0 ? status.VmRssKb * 1024 : stat.ResidentPages * Environment.SystemPageSize;
        row.WiredSize = 0L;
        row.Uid = status.Uid;
        row.Euid = status.Euid;
        row.Suid = status.Suid;
        row.Gid = status.Gid;
        row.Egid = status.Egid;
        row.Sgid = status.Sgid;

        if (query.IsUsed(C.Cmdline) && fs.TryReadAllBytes(dir + "/cmdline", out var cmdline))
        {
            row.Cmdline = ProcText.JoinCmdline(cmdline);
        }

        if (query.IsUsed(C.Path) || query.IsUsed(C.OnDisk))
        {
            var hasExe = fs.TryReadLink(dir + "/exe", out var exe);
            row.Path = hasExe ? exe.Replace(" (deleted)", "", StringComparison.Ordinal) : "";

            // The kernel appends " (deleted)" to the exe link of a binary unlinked after exec: the drop-and-execute signal.
            row.OnDisk = !hasExe ? -1 : exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? 0 : 1;
        }

        if (query.IsUsed(C.Cwd) && fs.TryReadLink(dir + "/cwd", out var cwd))
        {
            row.Cwd = cwd;
        }

        if (query.IsUsed(C.Root) && fs.TryReadLink(dir + "/root", out var root))
        {
            row.Root = root;
        }

        if ((query.IsUsed(C.DiskBytesRead) || query.IsUsed(C.DiskBytesWritten)) && fs.TryReadAllBytes(dir + "/io", out var io))
        {
            row.DiskBytesRead = ProcText.Field(io, "read_bytes"u8);
            row.DiskBytesWritten = ProcText.Field(io, "write_bytes"u8);
        }

        if (query.IsUsed(C.CgroupPath) && fs.TryReadAllBytes(dir + "/cgroup", out var cgroup))
        {
            row.CgroupPath = ProcText.CgroupPath(cgroup);
        }

        return row;
    }
}
