// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;

namespace FarQuery.Events.Tracing;

/// <summary>What the tracer remembers about one process (thread group), read from /proc while it is stopped and reused
/// by its later events until an exec or a credential change.</summary>
internal sealed class ProcFacts
{
    /// <summary>Thread-group id.</summary>
    public int Pid { get; init; }

    /// <summary>Parent pid (-1 unknown).</summary>
    public long Parent { get; set; } = -1;

    /// <summary>Resolved executable.</summary>
    public string? Exe { get; set; }

    /// <summary>argv joined by spaces.</summary>
    public string? Cmdline { get; set; }

    /// <summary>Kernel comm.</summary>
    public string? Name { get; set; }

    /// <summary>Credential ids.</summary>
    public ProcessIds Ids { get; set; } = ProcessIds.Unknown;

    /// <summary>Audit login uid.</summary>
    public long? Auid { get; set; }

    /// <summary>Reads /proc/[pid]/status, exe and loginuid. ENOENT/ESRCH (the process is gone) leaves fields unknown: the
    /// event still gets its row.</summary>
    public static ProcFacts Read(int pid, string? cmdline = null)
    {
        var facts = new ProcFacts { Pid = pid, Cmdline = cmdline };
        facts.Refresh();
        return facts;
    }

    /// <summary>The facts of a process stopped just after an exec, reading as little as the exec can have changed:
    /// the exe link always, and the name from /proc/[pid]/comm unless the caller knows it. The parent, ids and login uid carry over from
    /// <paramref name="before"/> (fork copies them, setuid-family syscalls refresh them, exec keeps them) unless the new
    /// image is setuid/setgid, the parent is gone (the process was reparented) or nothing is known yet: then
    /// /proc/[pid]/status is read, which costs the kernel three times as much as comm.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="before">Its facts before the exec, or null.</param>
    /// <param name="parentKnown">Whether <paramref name="before"/>'s parent is still alive and traced.</param>
    /// <param name="cmdline">The new command line.</param>
    /// <param name="name">The new name when the caller knows it (from the path given to execve), else null.</param>
    /// <param name="mode">The permission bits of the new executable, or -1.</param>
    public static ProcFacts AfterExec(int pid, ProcFacts? before, bool parentKnown, string? cmdline, string? name, out int mode)
    {
        const int S_ISUID = 0x800, S_ISGID = 0x400;
        mode = ProcFs.Mode(pid, "exe"u8);
        if (before is null || !parentKnown || before.Ids == ProcessIds.Unknown || mode < 0 || (mode & (S_ISUID | S_ISGID)) != 0)
        {
            var fresh = Read(pid, cmdline);
            fresh.Auid = before?.Auid ?? fresh.Auid;
            return fresh;
        }

        var facts = new ProcFacts { Pid = pid, Cmdline = cmdline, Parent = before.Parent, Ids = before.Ids, Auid = before.Auid };
        facts.Exe = ProcFs.ReadLink(pid, "exe"u8);
        if (name is not null)
        {
            facts.Name = name;
            return facts;
        }

        Span<byte> comm = stackalloc byte[64];
        var n = ProcFs.Read(pid, "comm"u8, comm, out _);
        facts.Name = n > 0 ? Encoding.UTF8.GetString(comm[..n].TrimEnd((byte)'\n')) : null;
        return facts;
    }

    /// <summary>Re-reads the status fields and the exe link.</summary>
    public void Refresh()
    {
        Exe = ProcFs.ReadLink(Pid, "exe"u8);
        Span<byte> buffer = stackalloc byte[4096];
        var n = ProcFs.Read(Pid, "status"u8, buffer, out _);
        if (n > 0)
        {
            ParseStatus(buffer[..n], this);
        }

        n = ProcFs.Read(Pid, "loginuid"u8, buffer, out _);
        if (n > 0 && long.TryParse(buffer[..n].TrimEnd((byte)'\n'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var auid))
        {
            // 4294967295 is "unset" (AUDIT_UID_UNSET); osquery reports it as is.
            Auid = auid;
        }

        Cmdline ??= ProcFs.ReadList(Pid, "cmdline"u8, MaxCmdline, out _, out _);
    }

    /// <summary>Bytes of /proc/[pid]/cmdline or environ kept per event (the full size is still reported).</summary>
    internal const int MaxCmdline = 128 * 1024;

    /// <summary>Fills Name, Parent and ids from /proc/[pid]/status.</summary>
    internal static void ParseStatus(ReadOnlySpan<byte> status, ProcFacts into)
    {
        Span<long> uids = stackalloc long[4];
        Span<long> gids = stackalloc long[4];
        bool haveUids = false, haveGids = false;
        while (status.Length > 0)
        {
            var end = status.IndexOf((byte)'\n');
            var line = end < 0 ? status : status[..end];
            status = end < 0 ? default : status[(end + 1)..];
            if (line.StartsWith("Name:"u8))
            {
                // The kernel escapes newlines and backslashes in comm; the rest is verbatim.
                into.Name = Encoding.UTF8.GetString(line[5..].Trim((byte)'\t'));
            }
            else if (line.StartsWith("PPid:"u8) && Utf8Parser.TryParse(line[5..].Trim((byte)'\t'), out long ppid, out _))
            {
                into.Parent = ppid;
            }
            else if (line.StartsWith("Uid:"u8))
            {
                haveUids = ParseIds(line[4..], uids);
            }
            else if (line.StartsWith("Gid:"u8))
            {
                haveGids = ParseIds(line[4..], gids);
                break;
            }
        }

        if (haveUids && haveGids)
        {
            into.Ids = new ProcessIds(uids[0], uids[1], uids[2], uids[3], gids[0], gids[1], gids[2], gids[3]);
        }
    }

    /// <summary>The Tgid: of a task, or -1 when it is gone.</summary>
    public static int ThreadGroupOf(int tid)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var n = ProcFs.Read(tid, "status"u8, buffer, out _);
        if (n <= 0)
        {
            return -1;
        }

        var status = buffer[..n];
        var at = status.IndexOf("\nTgid:"u8);
        if (at < 0)
        {
            return -1;
        }

        var rest = status[(at + 6)..];
        var end = rest.IndexOf((byte)'\n');
        return Utf8Parser.TryParse((end < 0 ? rest : rest[..end]).Trim((byte)'\t'), out int tgid, out _) ? tgid : -1;
    }

    // /proc/stat's btime: fixed for the boot, read once, when the first start time is asked for.
    private static readonly Lazy<long?> BootTime = new(() => ProcStat.TryParseBootTime(ReadProcStat(), out var boot) ? boot : null);

    /// <summary>When a process started (its clone), UNIX seconds, from the starttime field of /proc/[pid]/stat and the
    /// boot time, computed as the processes table's start_time is; null when the process is gone (ENOENT/ESRCH, the
    /// expected race) or the files cannot be parsed. The tracer's own fork events give the start without this read; it is
    /// the fallback for a process whose fork it did not see (the app, docs/falco-fields.md "proc.duration").</summary>
    public static long? StartTime(int pid)
    {
        // A stack buffer and the parser's comm-free accessor: no allocation per call.
        Span<byte> buffer = stackalloc byte[1024];
        var n = ProcFs.Read(pid, "stat"u8, buffer, out _);
        return n > 0 && ProcStat.TryParseParentAndStart(buffer[..n], out _, out var ticks) && BootTime.Value is { } boot
            ? ProcStat.StartSeconds(boot, ticks)
            : null;
    }

    private static byte[] ReadProcStat()
    {
        try
        {
            return File.ReadAllBytes("/proc/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc/stat (a sandbox without procfs): no start time from /proc, only from the tracer's fork events.
            return [];
        }
    }

    /// <summary>The working directory of a process, or null.</summary>
    public static string? Cwd(int pid) => ProcFs.ReadLink(pid, "cwd"u8);

    /// <summary>The path behind a descriptor of a process, or null.</summary>
    public static string? FdPath(int pid, long fd) => fd < 0 ? null : ProcFs.ReadLink(pid, "fd"u8, fd);

    private static bool ParseIds(ReadOnlySpan<byte> values, Span<long> ids)
    {
        var i = 0;
        foreach (var range in values.SplitAny((byte)'\t', (byte)' '))
        {
            var part = values[range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (i == ids.Length)
            {
                return false;
            }

            ids[i++] = Utf8Parser.TryParse(part, out long v, out var used) && used == part.Length ? v : -1;
        }

        return i == ids.Length;
    }
}
