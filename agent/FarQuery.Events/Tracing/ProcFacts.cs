// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;

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

    /// <summary>Re-reads the status fields and the exe link.</summary>
    public void Refresh()
    {
        var dir = "/proc/" + Pid.ToString(CultureInfo.InvariantCulture);
        Exe = ReadLink(dir + "/exe");
        if (TryReadText(dir + "/status") is { } status)
        {
            ParseStatus(status, this);
        }

        if (TryReadText(dir + "/loginuid") is { } loginuid && long.TryParse(loginuid.Trim(), CultureInfo.InvariantCulture, out var auid))
        {
            // 4294967295 is "unset" (AUDIT_UID_UNSET); osquery reports it as is.
            Auid = auid;
        }

        Cmdline ??= TryReadText(dir + "/cmdline")?.TrimEnd('\0').Replace('\0', ' ');
    }

    /// <summary>Fills Name, Parent and ids from the text of /proc/[pid]/status.</summary>
    internal static void ParseStatus(string status, ProcFacts into)
    {
        long[]? uids = null, gids = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("Name:", StringComparison.Ordinal))
            {
                into.Name = line[5..].Trim();
            }
            else if (line.StartsWith("PPid:", StringComparison.Ordinal) && long.TryParse(line.AsSpan(5).Trim(), CultureInfo.InvariantCulture, out var ppid))
            {
                into.Parent = ppid;
            }
            else if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uids = ParseIds(line[4..]);
            }
            else if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                gids = ParseIds(line[4..]);
            }
        }

        if (uids is { Length: 4 } && gids is { Length: 4 })
        {
            into.Ids = new ProcessIds(uids[0], uids[1], uids[2], uids[3], gids[0], gids[1], gids[2], gids[3]);
        }
    }

    /// <summary>The Tgid: of a task, or -1 when it is gone.</summary>
    public static int ThreadGroupOf(int tid)
    {
        if (TryReadText("/proc/" + tid.ToString(CultureInfo.InvariantCulture) + "/status") is not { } status)
        {
            return -1;
        }

        var at = status.IndexOf("\nTgid:", StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        var end = status.IndexOf('\n', at + 1);
        return int.TryParse(status.AsSpan(at + 6, (end < 0 ? status.Length : end) - at - 6).Trim(), CultureInfo.InvariantCulture, out var tgid) ? tgid : -1;
    }

    /// <summary>The working directory of a process, or null.</summary>
    public static string? Cwd(int pid) => ReadLink("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cwd");

    /// <summary>The path behind a descriptor of a process, or null.</summary>
    public static string? FdPath(int pid, long fd) =>
        ReadLink("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd/" + fd.ToString(CultureInfo.InvariantCulture));

    /// <summary>readlink(2), or null when the link is gone.</summary>
    public static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads a small /proc file, or null when it is gone.</summary>
    public static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Seconds since boot, from /proc/uptime.</summary>
    public static long Uptime()
    {
        var text = TryReadText("/proc/uptime");
        var space = text?.IndexOf(' ') ?? -1;
        return text is not null && space > 0 && double.TryParse(text.AsSpan(0, space), NumberStyles.Float, CultureInfo.InvariantCulture, out var up)
            ? (long)up
            : 0;
    }

    private static long[] ParseIds(string values)
    {
        var parts = values.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        var ids = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            ids[i] = long.TryParse(parts[i], CultureInfo.InvariantCulture, out var v) ? v : -1;
        }

        return ids;
    }
}
