// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Agent;

/// <summary>The playbooks' hands inside the task: SIGKILL for an offending process (never the app itself, the agent,
/// or a process that is not the one the alert was about), and the app's end for <c>stop_task</c>.</summary>
internal sealed class TaskActuator(int appPid, Action<TimeSpan> stopApp, string procRoot = "/proc") : IResponseActuator
{
    /// <inheritdoc/>
    public (string Outcome, string Detail) Kill(int pid, bool descendants, Alert alert)
    {
        if (pid == appPid)
        {
            return ("refused", $"pid {pid} is the app itself: a stop_task playbook ends it");
        }

        if (pid == Environment.ProcessId || pid <= 1)
        {
            return ("refused", $"pid {pid} is the agent");
        }

        if (!TryStat(pid, out _, out var startTicks))
        {
            return ("refused", $"pid {pid} has already exited");
        }

        var started = ProcStat.StartSeconds(BootTime(), startTicks);

        // A pid the kernel handed out again after the alert's process exited belongs to a process started after the
        // event: never touched.
        if (alert.Columns.GetValueOrDefault("time") is { } t && long.TryParse(t, CultureInfo.InvariantCulture, out var eventTime) && eventTime > 0 && started > eventTime + 1)
        {
            return ("refused", $"pid {pid} was reused: this process started at {started}, after the event at {eventTime}");
        }

        var victims = new List<int> { pid };
        if (descendants)
        {
            victims.AddRange(Descendants(pid).Where(d => d != appPid && d != Environment.ProcessId));
        }

        var killed = victims.Where(v => Interop.Libc.kill(v, Interop.Libc.SIGKILL) == 0).ToList();
        return killed.Contains(pid)
            ? ("done", $"SIGKILL pid {pid} ({alert.Columns.GetValueOrDefault("name")}){(killed.Count > 1 ? $" and {killed.Count - 1} descendants" : "")}")
            : ("failed", $"kill({pid}) failed: {Interop.LastErrno}");
    }

    /// <inheritdoc/>
    public (string Outcome, string Detail) StopTask(TimeSpan grace)
    {
        stopApp(grace);
        return ("done", $"SIGTERM to the app (pid {appPid}), SIGKILL after {grace.TotalSeconds:0} s; the agent exits with {ResponseSettings.StopTaskExitCode}");
    }

    private IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            if (int.TryParse(Path.GetFileName(dir), out var p) && TryStat(p, out var ppid, out _))
            {
                parents[p] = ppid;
            }
        }

        var found = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (child, parent) in parents)
            {
                if (found.Contains(parent) && found.Add(child))
                {
                    grew = true;
                }
            }
        }
        while (grew);
        found.Remove(root);
        return found;
    }

    /// <summary>ppid and the start (clock ticks after boot) from /proc/[pid]/stat; false when the process is gone.</summary>
    private bool TryStat(int pid, out int ppid, out long startTicks)
    {
        ppid = 0;
        startTicks = 0;
        byte[] text;
        try
        {
            text = File.ReadAllBytes($"{procRoot}/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return ProcStat.TryParseParentAndStart(text, out ppid, out startTicks);
    }

    /// <summary>The boot time (UNIX seconds) from /proc/stat's btime, or 0.</summary>
    private long BootTime() => ProcStat.TryParseBootTime(File.ReadAllBytes(procRoot + "/stat"), out var btime) ? btime : 0;
}
