// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Response;

/// <summary>Sits among the result log sinks: every result line the scheduler writes is read for alerts
/// (<see cref="AlertParser"/>), each alert goes to the outputs whose filter takes it and to the playbooks whose filter
/// takes it. Nothing here blocks the scheduler: outputs buffer, and playbook actions are quick signals. A failure in
/// one output or playbook costs only that one.</summary>
public sealed class ResponseEngine : ILogSink
{
    private readonly IReadOnlyList<AlertOutput> outputs;
    private readonly IReadOnlyList<PlaybookSpec> playbooks;
    private readonly IResponseActuator? actuator;
    private readonly Action<ResponseAction> record;
    private readonly Action<string> warn;
    private readonly Dictionary<string, Queue<long>> recent = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private long alerts;

    /// <summary>Creates the engine over built outputs (started here) and playbooks.</summary>
    /// <param name="outputs">The outputs.</param>
    /// <param name="playbooks">The playbooks.</param>
    /// <param name="actuator">What acts (null: playbooks only record what they would do).</param>
    /// <param name="record">Receives every playbook action (the response_actions table, the status log).</param>
    /// <param name="warn">Where problems are reported.</param>
    /// <param name="time">The clock (tests move it).</param>
    public ResponseEngine(IReadOnlyList<AlertOutput> outputs, IReadOnlyList<PlaybookSpec> playbooks, IResponseActuator? actuator, Action<ResponseAction> record, Action<string> warn, TimeProvider? time = null)
    {
        this.outputs = outputs;
        this.playbooks = playbooks;
        this.actuator = actuator;
        this.record = record;
        this.warn = warn;
        this.time = time ?? TimeProvider.System;
        foreach (var o in outputs)
        {
            o.Start();
        }
    }

    /// <inheritdoc/>
    public string Name => "response";

    /// <summary>The outputs.</summary>
    public IReadOnlyList<AlertOutput> Outputs => outputs;

    /// <summary>Alerts seen.</summary>
    public long Alerts => Interlocked.Read(ref alerts);

    /// <inheritdoc/>
    public long Dropped => outputs.Sum(o => o.Dropped + o.Failed);

    /// <inheritdoc/>
    public void Write(LogKind kind, string line)
    {
        if (kind == LogKind.Status)
        {
            return;
        }

        foreach (var alert in AlertParser.Parse(line))
        {
            Handle(alert);
        }
    }

    /// <summary>Routes one alert.</summary>
    public void Handle(Alert alert)
    {
        Interlocked.Increment(ref alerts);
        foreach (var o in outputs)
        {
            o.Offer(alert);
        }

        foreach (var p in playbooks)
        {
            if (p.Filter.Matches(alert))
            {
                Run(p, alert);
            }
        }
    }

    private void Run(PlaybookSpec playbook, Alert alert)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var action = playbook.Action == PlaybookAction.Kill ? "kill" : "stop_task";
        var pid = playbook.Action == PlaybookAction.Kill ? alert.Pid ?? 0 : 0;
        string outcome, detail;
        if (!Allowed(playbook, now))
        {
            (outcome, detail) = ("rate_limited", $"more than {playbook.MaxPerMinute} actions in a minute");
        }
        else if (playbook.Action == PlaybookAction.Kill && pid == 0)
        {
            (outcome, detail) = ("refused", "the alert names no process (no pid column)");
        }
        else if (playbook.DryRun || actuator is null)
        {
            (outcome, detail) = ("dry_run", playbook.Action == PlaybookAction.Kill
                ? $"would SIGKILL pid {pid} ({alert.Columns.GetValueOrDefault("name")}){(playbook.Descendants ? " and its descendants" : "")}"
                : $"would stop the task (SIGTERM, {playbook.Grace.TotalSeconds:0} s, SIGKILL)");
        }
        else
        {
            try
            {
                (outcome, detail) = playbook.Action == PlaybookAction.Kill ? actuator.Kill(pid, playbook.Descendants, alert) : actuator.StopTask(playbook.Grace);
            }
            catch (Exception e)
            {
                (outcome, detail) = ("failed", e.Message);
            }
        }

        var done = new ResponseAction(now, playbook.Name, action, alert.Rule, pid, outcome, detail);
        try
        {
            record(done);
        }
        catch (Exception e)
        {
            warn("farquery: recording a response action failed: " + e.Message);
        }
    }

    private bool Allowed(PlaybookSpec playbook, long now)
    {
        lock (gate)
        {
            if (!recent.TryGetValue(playbook.Name, out var times))
            {
                recent[playbook.Name] = times = new Queue<long>();
            }

            while (times.Count > 0 && times.Peek() <= now - 60)
            {
                times.Dequeue();
            }

            if (times.Count >= playbook.MaxPerMinute)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        foreach (var o in outputs)
        {
            var left = until - DateTime.UtcNow;
            o.Flush(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <summary>Status for <c>farquery status</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Status()
    {
        var list = new List<KeyValuePair<string, object?>> { new("alerts", Alerts), new("playbooks", (long)playbooks.Count) };
        foreach (var o in outputs)
        {
            list.Add(new($"{o.Name}", $"sent={o.Sent} pending={o.Pending} dropped={o.Dropped} failed={o.Failed} connected={o.Connected}{(o.LastError.Length > 0 ? " last_error=" + o.LastError : "")}"));
        }

        return list;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var o in outputs)
        {
            o.Dispose();
        }
    }
}
