// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response.Tests;

public sealed class ResponseEngineTests
{
    /// <summary>Records what a playbook asked for instead of signalling processes.</summary>
    private sealed class RecordingActuator : IResponseActuator
    {
        public List<(int Pid, bool Descendants)> Kills { get; } = [];

        public List<TimeSpan> Stops { get; } = [];

        public (string Outcome, string Detail) Kill(int pid, bool descendants, Alert alert)
        {
            Kills.Add((pid, descendants));
            return ("done", "SIGKILL pid " + pid);
        }

        public (string Outcome, string Detail) StopTask(TimeSpan grace)
        {
            Stops.Add(grace);
            return ("done", "stopped");
        }
    }

    private const string Line = """{"name":"q","unixTime":1,"columns":{"rule":"Detect crypto miners using the Stratum protocol","priority":"CRITICAL","tags":"process","pid":"77","name":"xmrig"},"action":"added"}""";

    [Fact]
    public void Write_AlertLineMatchingAKillPlaybook_KillsThePidAndRecordsIt()
    {
        var actuator = new RecordingActuator();
        var actions = new List<ResponseAction>();
        using var engine = new ResponseEngine([], [new PlaybookSpec("kill-miners", PlaybookAction.Kill, new AlertFilter(rules: ["*miners*"])) { Descendants = true }], actuator, actions.Add, _ => { });
        engine.Write(Scheduler.Logging.LogKind.Result, Line);
        Assert.Equal([(77, true)], actuator.Kills);
        var a = Assert.Single(actions);
        Assert.Equal(("kill-miners", "kill", 77, "done"), (a.Playbook, a.Action, a.Pid, a.Outcome));
    }

    [Fact]
    public void Write_DryRun_NothingDoneAndTheWouldBeActionRecorded()
    {
        var actuator = new RecordingActuator();
        var actions = new List<ResponseAction>();
        using var engine = new ResponseEngine([], [new PlaybookSpec("k", PlaybookAction.Kill, AlertFilter.All) { DryRun = true }, new PlaybookSpec("s", PlaybookAction.StopTask, AlertFilter.All) { DryRun = true }], actuator, actions.Add, _ => { });
        engine.Write(Scheduler.Logging.LogKind.Result, Line);
        Assert.Empty(actuator.Kills);
        Assert.Empty(actuator.Stops);
        Assert.All(actions, a => Assert.Equal("dry_run", a.Outcome));
        Assert.Contains("would SIGKILL pid 77 (xmrig)", actions[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MorePerMinuteThanAllowed_RateLimitedUntilTheMinutePasses()
    {
        var clock = new ManualClock { Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };
        var actuator = new RecordingActuator();
        var actions = new List<ResponseAction>();
        using var engine = new ResponseEngine([], [new PlaybookSpec("k", PlaybookAction.Kill, AlertFilter.All) { MaxPerMinute = 2 }], actuator, actions.Add, _ => { }, clock);
        for (var i = 0; i < 3; i++)
        {
            engine.Write(Scheduler.Logging.LogKind.Result, Line);
        }

        clock.Now += TimeSpan.FromSeconds(61);
        engine.Write(Scheduler.Logging.LogKind.Result, Line);
        Assert.Equal(["done", "done", "rate_limited", "done"], actions.Select(a => a.Outcome));
        Assert.Equal(3, actuator.Kills.Count);
    }

    [Fact]
    public void Write_StatusLineOrRowWithoutPid_NoKill()
    {
        var actuator = new RecordingActuator();
        var actions = new List<ResponseAction>();
        using var engine = new ResponseEngine([], [new PlaybookSpec("k", PlaybookAction.Kill, AlertFilter.All)], actuator, actions.Add, _ => { });
        engine.Write(Scheduler.Logging.LogKind.Status, Line);
        engine.Write(Scheduler.Logging.LogKind.Result, """{"name":"q","columns":{"rule":"R","priority":"ERROR"},"action":"added"}""");
        Assert.Empty(actuator.Kills);
        Assert.Equal("refused", Assert.Single(actions).Outcome);
    }

    [Fact]
    public void Write_ActuatorThrows_RecordedAsFailedAndTheEngineGoesOn()
    {
        var actions = new List<ResponseAction>();
        using var engine = new ResponseEngine([], [new PlaybookSpec("k", PlaybookAction.Kill, AlertFilter.All)], new ThrowingActuator(), actions.Add, _ => { });
        engine.Write(Scheduler.Logging.LogKind.Result, Line);
        engine.Write(Scheduler.Logging.LogKind.Result, Line);
        Assert.Equal(["failed", "failed"], actions.Select(a => a.Outcome));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ThrowingActuator : IResponseActuator
    {
        public (string Outcome, string Detail) Kill(int pid, bool descendants, Alert alert) => throw new InvalidOperationException("no");

        public (string Outcome, string Detail) StopTask(TimeSpan grace) => throw new InvalidOperationException("no");
    }
}
