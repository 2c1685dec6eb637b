// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
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
    private readonly IForensicQueries? forensics;
    private readonly WorkQueue<(PlaybookSpec Playbook, Alert Alert)> snapshots;
    private readonly CancellationTokenSource stop = new();
    private long alerts;
    private long denials;

    /// <summary>Creates the engine over built outputs (started here) and playbooks.</summary>
    /// <param name="outputs">The outputs.</param>
    /// <param name="playbooks">The playbooks.</param>
    /// <param name="actuator">What acts (null: playbooks only record what they would do).</param>
    /// <param name="record">Receives every playbook action (the response_actions table, the status log).</param>
    /// <param name="warn">Where problems are reported.</param>
    /// <param name="time">The clock (tests move it).</param>
    /// <param name="forensics">Runs a snapshot playbook's queries (null: snapshots only record what they would do).</param>
    public ResponseEngine(IReadOnlyList<AlertOutput> outputs, IReadOnlyList<PlaybookSpec> playbooks, IResponseActuator? actuator, Action<ResponseAction> record, Action<string> warn, TimeProvider? time = null, IForensicQueries? forensics = null)
    {
        snapshots = new WorkQueue<(PlaybookSpec, Alert)>("farquery-snapshots", SnapshotQueue, SnapshotOne, start: false);
        this.forensics = forensics;
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

    /// <summary>Syscalls the tracer refused (or, in a dry run, would have) and reported.</summary>
    public long Denials => Interlocked.Read(ref denials);

    /// <summary>Snapshots waiting at most; one more is recorded as <c>rate_limited</c> instead of queued, so a burst of
    /// alerts never builds a backlog of forensic queries.</summary>
    public const int SnapshotQueue = 4;

    /// <summary>Bytes of rows a snapshot carries at most (NATS' default payload limit is 1 MiB); rows past it are left
    /// out and the query marked truncated.</summary>
    public const int SnapshotMaxBytes = 512 * 1024;

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
            // deny is enforced by the tracer at the syscall stop (Denied reports it), never after the fact.
            if (p.Action != PlaybookAction.Deny && p.Filter.Matches(alert))
            {
                Run(p, alert);
            }
        }
    }

    /// <summary>Reports a syscall the tracer refused for a deny playbook (<paramref name="enforced"/>), would have
    /// refused (a dry run), or failed to refuse: a row of <c>response_actions</c>, and for a refusal the alert with
    /// action <c>denied</c> to the outputs and the other playbooks. Called off the tracer thread. The refusal itself is
    /// never rate-limited; past <see cref="PlaybookSpec.MaxPerMinute"/> only its alert and record are.</summary>
    public void Denied(Alert alert, string playbook, bool dryRun, bool enforced, string detail)
    {
        Interlocked.Increment(ref denials);
        var spec = playbooks.FirstOrDefault(p => p.Name == playbook);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var pid = alert.Pid ?? 0;
        if (spec is not null && !Allowed(spec, now))
        {
            Record(new ResponseAction(now, playbook, "deny", alert.Rule, pid, "rate_limited", $"{(enforced ? "denied" : "would deny")} {detail}; alert not sent"));
            return;
        }

        var (outcome, what) = enforced ? ("done", $"denied {detail}")
            : dryRun ? ("dry_run", $"would deny {detail}")
            : ("failed", $"could not deny {detail}: the tracee's registers could not be written");
        Record(new ResponseAction(now, playbook, "deny", alert.Rule, pid, outcome, what));
        if (enforced)
        {
            Handle(alert with { Action = "denied" });
        }
    }

    private void Run(PlaybookSpec playbook, Alert alert)
    {
        if (playbook.Action == PlaybookAction.Snapshot)
        {
            Snapshot(playbook, alert);
            return;
        }

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

        Record(new ResponseAction(now, playbook.Name, action, alert.Rule, pid, outcome, detail));
    }

    private void Record(ResponseAction done)
    {
        try
        {
            record(done);
        }
        catch (Exception e)
        {
            warn("farquery: recording a response action failed: " + e.Message);
        }
    }

    /// <summary>Queues a snapshot for the worker: the caller (the scheduler's thread) never waits for the queries.</summary>
    private void Snapshot(PlaybookSpec playbook, Alert alert)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var pid = alert.Pid ?? 0;
        if (!Allowed(playbook, now))
        {
            Record(new ResponseAction(now, playbook.Name, "snapshot", alert.Rule, pid, "rate_limited", $"more than {playbook.MaxPerMinute} actions in a minute"));
        }
        else if (playbook.DryRun || forensics is null)
        {
            Record(new ResponseAction(now, playbook.Name, "snapshot", alert.Rule, pid, "dry_run", $"would run {string.Join(", ", playbook.Queries.Select(q => q.Key))} and send the results"));
        }
        else
        {
            // Its thread starts with the first snapshot: most agents have no snapshot playbook.
            snapshots.Start();
            if (!snapshots.Add((playbook, alert)))
            {
                Record(new ResponseAction(now, playbook.Name, "snapshot", alert.Rule, pid, "rate_limited", $"{SnapshotQueue} snapshots are already waiting"));
            }
        }
    }

    private bool SnapshotOne((PlaybookSpec Playbook, Alert Alert) item)
    {
        // Disposed: what is still queued is not taken.
        if (stop.IsCancellationRequested)
        {
            return false;
        }

        TakeSnapshot(item.Playbook, item.Alert);
        return true;
    }

    /// <summary>Runs the playbook's queries and offers the results to the outputs as one message, bounded by
    /// <see cref="PlaybookSpec.MaxRows"/> per query and <see cref="SnapshotMaxBytes"/> in all.</summary>
    private void TakeSnapshot(PlaybookSpec playbook, Alert alert)
    {
        var results = new List<SnapshotResult>();
        var bytes = 0;
        foreach (var (name, sql) in playbook.Queries)
        {
            try
            {
                var (columns, rows) = forensics!.Run(sql, playbook.MaxRows + 1);
                var kept = new List<string?[]>();
                var truncated = rows.Count > playbook.MaxRows;
                foreach (var row in rows.Take(playbook.MaxRows))
                {
                    var size = row.Sum(v => (v?.Length ?? 4) + 8) + columns.Sum(c => c.Length + 4);
                    if (bytes + size > SnapshotMaxBytes)
                    {
                        truncated = true;
                        break;
                    }

                    bytes += size;
                    kept.Add(row);
                }

                results.Add(new SnapshotResult(name, columns, kept, truncated, null));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                results.Add(new SnapshotResult(name, [], [], false, e.Message));
            }
        }

        var shot = alert with { Action = "snapshot", Snapshot = results };
        var sent = outputs.Count(o => o.Offer(shot));
        Record(new ResponseAction(time.GetUtcNow().ToUnixTimeSeconds(), playbook.Name, "snapshot", alert.Rule, alert.Pid ?? 0,
            results.All(r => r.Error is not null) ? "failed" : "done",
            $"{string.Join(", ", results.Select(r => r.Error is null ? $"{r.Name}: {r.Rows.Count}{(r.Truncated ? "+" : "")} rows" : $"{r.Name}: {r.Error}"))}; {bytes / 1024} KiB to {sent} outputs"));
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
        var list = new List<KeyValuePair<string, object?>> { new("alerts", Alerts), new("denials", Denials), new("playbooks", (long)playbooks.Count) };
        foreach (var o in outputs)
        {
            list.Add(new($"{o.Name}", $"sent={o.Sent} pending={o.Pending} dropped={o.Dropped} failed={o.Failed} connected={o.Connected}{(o.LastError.Length > 0 ? " last_error=" + o.LastError : "")}"));
        }

        return list;
    }

    /// <summary>Closes the engine a reload replaced: each output gets what is left of <paramref name="grace"/> to deliver
    /// its buffer, then what is still waiting is counted as dropped (<see cref="AlertOutput.Close"/>). Returns how many
    /// alerts were dropped here.</summary>
    public long Close(TimeSpan grace)
    {
        var until = DateTime.UtcNow + grace;
        long lost = 0;
        StopSnapshots();
        foreach (var o in outputs)
        {
            var left = until - DateTime.UtcNow;
            lost += o.Close(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        return lost;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        StopSnapshots();
        foreach (var o in outputs)
        {
            o.Dispose();
        }
    }

    private void StopSnapshots()
    {
        stop.Cancel();
        snapshots.Complete(TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }
}
