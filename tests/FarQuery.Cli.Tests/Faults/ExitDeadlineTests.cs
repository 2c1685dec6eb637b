// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Cli.Tests.Faults;

/// <summary>The watchdog itself, firing through a recorded exit in place of _exit(2); and the exit end to end with a filesystem-logger file that is a FIFO nobody reads: the real <c>farquery run</c>
/// still exits with the app's code. Opening a FIFO for writing waits until a reader opens it (fifo(7)); such an open on
/// the start's or the exit's own thread once wedged that step for good, and only the exit watchdog's _exit(2) ended the
/// run. The filesystem logger now opens its files on its own writer thread and without waiting for a reader (the open
/// fails, the lines are counted as dropped; docs/osquery-compat.md §4 "The filesystem logger"), so neither step is stuck
/// any more and these runs end through the ordinary exit, with the watchdog still armed behind it. A hang is caught by
/// <see cref="FaultRun"/>'s overall bound; nothing here is timed (docs/tracer.md §3.7 PID 1 duties, "After the app
/// exits").</summary>
public sealed class ExitDeadlineTests
{
    /// <summary>The app's distinctive exit code: a run that hangs or exits on its own error cannot give it.</summary>
    private const int AppCode = 7;

    /// <summary>A bound that passes at once for the tests that expect the watchdog to fire.</summary>
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a test waits for a firing that must not come, and its hang bound for one that must: generous,
    /// nothing is timed.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Start_AppExitsAndTheExitWorkNeverEnds_FiresWithTheAgentsCodeForTheAppsCode()
    {
        var app = new TaskCompletionSource<int>();
        using var fired = new global::System.Collections.Concurrent.BlockingCollection<int>();
        using var deadline = global::FarQuery.Agent.ExitDeadline.Start(app.Task, code => code + 100, Short, fired.Add);

        app.SetResult(AppCode);

        Assert.True(fired.TryTake(out var code, Wait), "the watchdog did not fire");
        Assert.Equal(AppCode + 100, code);
    }

    [Fact]
    public void Message_WatchdogFires_NamesTheBoundTheCodeAndWhatMayBeMissing()
    {
        var line = global::FarQuery.Agent.ExitDeadline.Message(TimeSpan.FromSeconds(1), 107);

        Assert.StartsWith("farquery: warning: ", line, StringComparison.Ordinal);
        Assert.Contains(" 1 s after the app exited", line, StringComparison.Ordinal);
        Assert.Contains("with code 107 ", line, StringComparison.Ordinal);
        Assert.Contains("may be missing", line, StringComparison.Ordinal);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AppStillRunning_NeverFires()
    {
        var app = new TaskCompletionSource<int>();
        using var fired = new global::System.Collections.Concurrent.BlockingCollection<int>();
        using var deadline = global::FarQuery.Agent.ExitDeadline.Start(app.Task, code => code, Short, fired.Add);

        Assert.False(fired.TryTake(out _, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Dispose_ExitWorkDoneWithinTheBound_NeverFires()
    {
        var app = new TaskCompletionSource<int>();
        using var fired = new global::System.Collections.Concurrent.BlockingCollection<int>();
        var deadline = global::FarQuery.Agent.ExitDeadline.Start(app.Task, code => code, Wait, fired.Add);

        app.SetResult(AppCode);
        deadline.Dispose();

        Assert.False(fired.TryTake(out _, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Start_AppsExitFailed_NeverFires()
    {
        // Without the app's code the agent has nothing to exit with; its own exit path reports the failure.
        var app = new TaskCompletionSource<int>();
        using var fired = new global::System.Collections.Concurrent.BlockingCollection<int>();
        using var deadline = global::FarQuery.Agent.ExitDeadline.Start(app.Task, code => code, Short, fired.Add);

        app.SetException(new InvalidOperationException("wait4 failed"));

        Assert.False(fired.TryTake(out _, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Run_LastEventRunLogsToAResultLogFifo_AgentExitsWithTheAppsCode()
    {
        using var run = new FaultRun();
        var logs = LoggerPathWithFifo(run, "osqueryd.results.log");

        // An interval of an hour and no event-driven runs (--event_query_delay_ms=0): the tick thread never runs the
        // query while the app runs, so the first result line is the drain's, queued by the exit path itself after the
        // app's exec events; the logger's writer cannot open the results FIFO and counts the line as dropped.
        var config = run.Write("c.conf", """{"schedule":{"execs":{"query":"select pid, cmdline from process_events","interval":3600}}}""");
        var app = FaultRun.App($"/bin/true; echo app-done; exit {AppCode}");
        var agent = run.Agent($"--disable_stdout_logging --event_query_delay_ms=0 --config_path {config} --logger_path {logs}", app);

        Assert.Equal(AppCode, agent.Code);
        Assert.Equal("app-done\n", agent.Stdout);
    }

    [Fact]
    public void Run_StartLogsToAStatusLogFifo_AgentExitsWithTheAppsCodeAndNothingOfTheAppOutlivesIt()
    {
        using var run = new FaultRun();
        var logs = LoggerPathWithFifo(run, "osqueryd.status.log");

        // The config's unrunnable query is reported by a status line while the agent starts (the scheduler applies the
        // config on the start's thread): the line is only queued there, so the start goes on while the logger's writer
        // fails to open the status FIFO.
        var config = run.Write("c.conf", """{"schedule":{"broken":{"query":"select * from no_such_table","interval":60}}}""");

        // The app leaves a process behind (its output elsewhere, so it cannot hold the run's pipes open): the tracer kills
        // it at the app's exit, whatever the stuck thread does.
        var app = FaultRun.App($"sleep 300 >/dev/null 2>&1 & echo $! > \"$M/left\"; echo app-done; exit {AppCode}");
        var agent = run.Agent($"--disable_stdout_logging --config_path {config} --logger_path {logs}", app);

        Assert.Equal(AppCode, agent.Code);
        Assert.Equal("app-done\n", agent.Stdout);
        var left = File.ReadAllText(Path.Join(run.Dir, "left")).Trim();
        Assert.False(Running(left), $"the app's sleep (pid {left}) outlived the agent");
    }

    /// <summary>Whether a process runs (a zombie waiting for its reaper has ended).</summary>
    private static bool Running(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A <c>--logger_path</c> folder in the scratch folder whose file <paramref name="fifo"/> is a FIFO.</summary>
    private static string LoggerPathWithFifo(FaultRun run, string fifo)
    {
        var logs = Directory.CreateDirectory(Path.Join(run.Dir, "logs")).FullName;
        run.Fifo(Path.Join("logs", fifo));
        return logs;
    }
}
