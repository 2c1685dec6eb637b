// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Agent;

/// <summary>The playbooks' hands inside the task: SIGKILL for an offending process (never the app itself, the agent,
/// or a process that is not the one the alert was about), and the app's end for <c>stop_task</c>.</summary>
internal sealed class TaskActuator(int appPid, Action<TimeSpan> stopApp, string procRoot = "/proc") : IResponseActuator
{
    // The kernel's USER_HZ, the unit of /proc/[pid]/stat's starttime on every Linux architecture Fargate runs.
    private const long ClockTicksPerSecond = 100;

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

        if (!TryStat(pid, out _, out var started))
        {
            return ("refused", $"pid {pid} has already exited");
        }

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

    /// <summary>ppid and the start time (UNIX seconds) from /proc/[pid]/stat: the fields after the command's closing
    /// parenthesis (the command may hold spaces and parentheses itself).</summary>
    private bool TryStat(int pid, out int ppid, out long startedUnix)
    {
        ppid = 0;
        startedUnix = 0;
        string text;
        try
        {
            text = File.ReadAllText($"{procRoot}/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');

        // fields[0] is the state (stat's field 3): ppid is field 4, starttime field 22.
        if (fields.Length < 20 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out ppid) || !long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        startedUnix = BootTime() + (ticks / ClockTicksPerSecond);
        return true;
    }

    private long BootTime()
    {
        foreach (var line in File.ReadLines(procRoot + "/stat"))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(6), CultureInfo.InvariantCulture, out var btime))
            {
                return btime;
            }
        }

        return 0;
    }
}
