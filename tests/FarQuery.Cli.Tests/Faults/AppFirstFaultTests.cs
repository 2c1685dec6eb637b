// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;

namespace FarQuery.Cli.Tests.Faults;

/// <summary>The app-side faults: hostile configs, queries and stdout must never harm the app (same output and
/// exit code as a direct run, started at once) nor wedge the agent (it exits within its documented bound of the app,
/// and the admin socket still answers <c>select 1</c> after every hostile query). Each test reproduces one report.</summary>
public sealed class AppFirstFaultTests
{
    private const string PlainApp = "echo hi; echo to-stderr >&2; sleep 2; touch \"$M/ended\"; exit 4";

    private const string Recursive = "with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c";

    [Theory]
    [InlineData("config-dev-zero")]
    [InlineData("config-sparse-3g")]
    [InlineData("config-fifo")]
    [InlineData("pack-dev-zero")]
    [InlineData("pack-fifo")]
    public void Run_UnreadableConfigOrPack_AppRunsAsAloneAndAgentNamesThePath(string kind)
    {
        using var run = new FaultRun();
        var bad = kind switch
        {
            "config-dev-zero" or "pack-dev-zero" => "/dev/zero",
            "config-sparse-3g" => Sparse(run, 3L << 30),
            _ => run.Fifo("fifo.conf"),
        };
        var config = kind.StartsWith("pack", StringComparison.Ordinal) ? run.Write("c.conf", "{\"packs\":{\"z\":\"" + bad + "\"}}") : bad;
        var app = FaultRun.App(PlainApp);

        string? selectOne = null;
        var agent = run.Agent($"--disable_stdout_logging --config_path {config}", app, _ => selectOne = run.Query("select 1").Rows);
        FaultRun.AssertAppUnharmed(run.Direct(app), agent);

        // The agent says which file it refused, and its socket still answers.
        Assert.Contains(bad, agent.Stderr, StringComparison.Ordinal);
        Assert.Contains("farquery:", agent.Stderr, StringComparison.Ordinal);
        Assert.Equal("1", selectOne);
    }

    [Fact]
    public void Run_ScheduledQueryRunningWhenTheAppExits_AgentExitsWithinTheBound()
    {
        using var run = new FaultRun();
        var config = RecursiveSchedule(run);
        var app = FaultRun.App("sleep 2; touch \"$M/ended\"; exit 4");
        FaultRun.AssertAppUnharmed(run.Direct(app), run.Agent($"--disable_stdout_logging --config_path {config}", app));
    }

    [Fact]
    public void Run_NulInAScheduledQuery_AgentExitsWithTheAppsCode()
    {
        using var run = new FaultRun();
        var config = run.Write("c.conf", """{"schedule":{"nul":{"query":"select 1\u0000","interval":1}}}""");
        var app = FaultRun.App("sleep 2; echo done; touch \"$M/ended\"; exit 4");
        FaultRun.AssertAppUnharmed(run.Direct(app), run.Agent($"--disable_stdout_logging --config_path {config}", app));
    }

    [Fact]
    public void Run_NulInAnAdminFrame_IsRefusedAndSelectOneStillAnswers()
    {
        using var run = new FaultRun();
        var app = FaultRun.App("sleep 5; touch \"$M/ended\"; exit 4");
        string? refusal = null, after = null;
        var agent = run.Agent("--disable_stdout_logging", app, _ =>
        {
            refusal = run.Query("select 1\0; select 2").Error;
            after = run.Query("select 1").Rows;
        });
        Assert.Contains("NUL", refusal ?? "(answered)", StringComparison.Ordinal);
        Assert.Equal("1", after);
        Assert.Equal(4, agent.Code);
        FaultRun.AssertStartedAndExitedInTime(agent);
    }

    [Fact]
    public void Run_AdHocQueryInFlightWhenTheAppExits_AgentExitsWithinTheBound()
    {
        using var run = new FaultRun();
        var app = FaultRun.App("sleep 3; touch \"$M/ended\"; exit 4");
        string? timedOut = null, after = null;
        Task? inFlight = null;
        var agent = run.Agent("--disable_stdout_logging", app, _ =>
        {
            // A hostile query that times out first: the worker is free again for select 1.
            timedOut = run.Query(Recursive, TimeSpan.FromMilliseconds(300)).Error;
            after = run.Query("select 1").Rows;

            // Then one that is still running when the app exits.
            inFlight = Task.Run(() => run.Query(Recursive, TimeSpan.FromSeconds(60)));
        });
        Assert.NotNull(timedOut);
        Assert.Equal("1", after);
        Assert.Equal(4, agent.Code);
        FaultRun.AssertStartedAndExitedInTime(agent);
        var answered = SpinWait.SpinUntil(() => inFlight!.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(answered, "the in-flight query never got an answer");
    }

    [Fact]
    public void Run_SigtermWhileAScheduledQueryRuns_AgentExitsWithTheAppWithinTheBound()
    {
        using var run = new FaultRun();
        var config = RecursiveSchedule(run);
        var app = FaultRun.App("trap 'touch \"$M/ended\"; exit 7' TERM; sleep 30 & wait");
        var agent = run.Agent($"--disable_stdout_logging --config_path {config}", app, p =>
        {
            WaitFor(Path.Join(run.Dir, "started"));
            Thread.Sleep(2500);
            Assert.Equal(0, Kill(p.Id, "TERM"));
        });
        Assert.Equal(7, agent.Code);
        FaultRun.AssertStartedAndExitedInTime(agent);
    }

    [Fact]
    public void Run_FimOverTheWholeFileSystem_AgentExitsWithinTheBound()
    {
        using var run = new FaultRun();
        var config = run.Write("c.conf", """{"file_paths":{"all":["/%%"]}}""");
        var app = FaultRun.App("sleep 1; touch \"$M/ended\"; exit 4");
        FaultRun.AssertAppUnharmed(run.Direct(app), run.Agent($"--disable_stdout_logging --config_path {config}", app));
    }

    [Fact]
    public void Run_StdoutReaderThatNeverReads_AppIsNotBlockedAndItsCodeIsKept()
    {
        using var run = new FaultRun();
        var config = BigSnapshots(run);
        var app = FaultRun.App("sleep 3; echo done; touch \"$M/ended\"; exit 5");

        // The reader holds the pipe open but reads nothing for 8 s: 40 KB result lines every second would fill it.
        var script = $"(\"$FQ\" run --config_path {config} -- sh -c {FaultRun.Quote(app)}; echo $? > \"$M/rc\"; touch \"$M/agent-exited\") | (sleep 8; cat > \"$M/out\")";
        var outcome = run.Bash(script);
        Assert.Equal(0, outcome.Code);
        Assert.Equal("5", File.ReadAllText(Path.Join(run.Dir, "rc")).Trim());
        Assert.Contains("done\n", File.ReadAllText(Path.Join(run.Dir, "out")), StringComparison.Ordinal);

        // The app's own run: started, slept 3 s, wrote one line; a stdout filled by the agent would have held it until the
        // reader woke up at 8 s.
        var appRun = outcome.Ended!.Value - outcome.Started!.Value;
        Assert.True(appRun < TimeSpan.FromSeconds(3) + FaultRun.ExitBound, $"the app took {appRun.TotalSeconds:0.00} s");
        var after = File.GetLastWriteTimeUtc(Path.Join(run.Dir, "agent-exited")) - outcome.Ended.Value;
        Assert.True(after < FaultRun.ExitBound, $"the agent exited {after.TotalSeconds:0.00} s after the app");
    }

    [Fact]
    public void Run_StdoutReaderGone_AgentSurvivesAndKeepsTheAppsCode()
    {
        using var run = new FaultRun();
        var config = BigSnapshots(run);
        var app = FaultRun.App("sleep 3; touch \"$M/ended\"; exit 5");
        var outcome = run.Bash($"\"$FQ\" run --config_path {config} -- sh -c {FaultRun.Quote(app)} | true; echo ${{PIPESTATUS[0]}} > \"$M/rc\"");
        Assert.Equal("5", File.ReadAllText(Path.Join(run.Dir, "rc")).Trim());
        FaultRun.AssertStartedAndExitedInTime(outcome);
    }

    [Fact]
    public void Run_AgentIgnoresSigpipe_TheAppStillGetsTheDefault()
    {
        using var run = new FaultRun();
        const ulong SigpipeBit = 1UL << (13 - 1);
        var app = FaultRun.App("grep SigIgn /proc/$$/status; touch \"$M/ended\"");
        var agent = run.Agent("--disable_stdout_logging", app);
        Assert.Equal(0, agent.Code);

        // Not compared with a direct run: the test host itself ignores SIGPIPE, and its children inherit that. A fresh app
        // under farquery run gets the default, as from a shell.
        Assert.Equal(0UL, Ignored(agent.Stdout) & SigpipeBit);

        static ulong Ignored(string status) => ulong.Parse(status.Split(':')[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Status_CoreDumpsOfTheAgent_AreOffWhileTracingStillWorks()
    {
        using var run = new FaultRun();
        var app = FaultRun.App("sleep 4; touch \"$M/ended\"; exit 3");
        string? status = null, tracedExec = null;
        var agent = run.Agent("--disable_stdout_logging", app, _ =>
        {
            tracedExec = run.Query("select count(*) from process_events where cmdline like '%sleep 4%'").Rows;
            using var client = FarQuery.Admin.AdminClient.Connect(run.Socket);
            status = string.Join("\n", client.Status().Sections.SelectMany(s => s.Values.Select(v => s.Name + " " + v.Key + "=" + v.Value)));
        });
        Assert.Equal(3, agent.Code);
        Assert.Contains("agent core_dumps=off", status, StringComparison.Ordinal);
        Assert.NotEqual("0", tracedExec);
    }

    /// <summary>A config whose only query never ends by itself, every second.</summary>
    private static string RecursiveSchedule(FaultRun run) =>
        run.Write("c.conf", "{\"schedule\":{\"f\":{\"query\":\"" + Recursive + "\",\"interval\":1}}}");

    /// <summary>A config whose snapshot query logs a 40 KB line every second.</summary>
    private static string BigSnapshots(FaultRun run) =>
        run.Write("big.conf", """{"schedule":{"big":{"query":"select hex(zeroblob(20000)) as x","interval":1,"snapshot":true}}}""");

    private static string Sparse(FaultRun run, long size)
    {
        var path = Path.Join(run.Dir, "sparse.conf");
        using var f = new FileStream(path, FileMode.CreateNew);
        f.SetLength(size);
        return path;
    }

    private static int Kill(int pid, string signal)
    {
        using var p = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        p.WaitForExit();
        return p.ExitCode;
    }

    private static void WaitFor(string path)
    {
        var until = DateTime.UtcNow + FaultRun.StartBound;
        while (!File.Exists(path) && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }
    }
}
