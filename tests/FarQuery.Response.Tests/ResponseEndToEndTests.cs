// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using NATS.Client.Core;

namespace FarQuery.Response.Tests;

/// <summary><c>farquery run</c> with the bundled detections and a response section: a real attack action inside the
/// traced app reaches a real nats-server, and the playbooks act on (or only log) the offending process.</summary>
public sealed class ResponseEndToEndTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-response-").FullName;
    private readonly string shm = "/dev/shm/fq-response-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Run_ExecFromDevShmWithNatsUrl_MessageOnPriorityRuleSubjectWithTheProcess()
    {
        if (!NatsServer.Available())
        {
            return;
        }

        using var server = new NatsServer();
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var received = new ConcurrentQueue<(string Subject, string Body)>();
        var sub = await subscriber.SubscribeCoreAsync<byte[]>("farquery.>");
        _ = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync())
            {
                received.Enqueue((m.Subject, System.Text.Encoding.UTF8.GetString(m.Data!)));
            }
        });
        await subscriber.PingAsync();

        // The app lives until the alert arrived (or a minute passed), so the check never races the agent's exit.
        var marker = Path.Join(dir, "seen");
        var run = Task.Run(() => Run(["--nats_url", server.Url], $"cp /bin/true {shm} && {shm}; for i in $(seq 600); do [ -e {marker} ] && break; sleep 0.1; done"));
        try
        {
            Eventually.True(() => received.Any(r => r.Subject == "farquery.warning.execution_from_dev_shm"), "the alert on farquery.warning.execution_from_dev_shm", 60);
        }
        finally
        {
            File.WriteAllText(marker, "");
        }

        var (code, _, stderr) = await run;
        Assert.True(code == 0, stderr);
        var body = received.First(r => r.Subject == "farquery.warning.execution_from_dev_shm").Body;
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("Execution from /dev/shm", root.GetProperty("rule").GetString());
        Assert.Equal(shm, root.GetProperty("fields").GetProperty("path").GetString());
        Assert.True(int.Parse(root.GetProperty("fields").GetProperty("pid").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("task").ValueKind);
        await sub.UnsubscribeAsync();
    }

    [Fact]
    public void Run_KillPlaybook_OnlyTheOffendingProcessDiesAndTheAppGoesOn()
    {
        var config = Config("""{"kill-shm": {"action": "kill", "rules": ["Execution from /dev/shm"]}}""");
        var (code, stdout, stderr) = Run(["--config_path", config], $"cp /bin/sleep {shm} && {shm} 30 & wait $!; echo waited-$?; echo still-serving");
        Assert.True(code == 0, stderr);
        Assert.Contains("waited-137", stdout, StringComparison.Ordinal);
        Assert.Contains("still-serving", stdout, StringComparison.Ordinal);
        Assert.Contains("playbook kill-shm: kill done: SIGKILL pid", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DryRunPlaybook_NothingKilledAndTheWouldBeActionLogged()
    {
        var config = Config("""{"kill-shm": {"action": "kill", "rules": ["Execution from /dev/shm"], "dry_run": true}}""");
        var (code, stdout, stderr) = Run(["--config_path", config], $"cp /bin/sleep {shm} && {shm} 3 & wait $!; echo waited-$?");
        Assert.True(code == 0, stderr);
        Assert.Contains("waited-0", stdout, StringComparison.Ordinal);
        Assert.Contains("playbook kill-shm: kill dry_run: would SIGKILL pid", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StopTaskPlaybook_AppEndsAndTheAgentExitsWithItsCode()
    {
        var config = Config("""{"stop": {"action": "stop_task", "rules": ["Execution from /dev/shm"], "grace_seconds": 2}}""");
        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = Run(["--config_path", config], $"cp /bin/true {shm} && {shm}; sleep 60");
        Assert.True(code == ResponseSettings.StopTaskExitCode, $"exit {code}: {stderr}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), "the app was not stopped");
        Assert.Contains("playbook stop: stop_task done", stderr, StringComparison.Ordinal);
    }

    private string Config(string playbooks)
    {
        var path = Path.Join(dir, "farquery.conf");
        File.WriteAllText(path, """{"packs": {"farquery-detections": "/embedded/packs/farquery-detections.json"}, "response": {"playbooks": PLAYBOOKS}}""".Replace("PLAYBOOKS", playbooks, StringComparison.Ordinal));
        return path;
    }

    private (int Code, string Stdout, string Stderr) Run(string[] flags, string script) =>
        FarqueryProcess.Run(["run", .. flags, "--disable_stdout_logging", "--", "sh", "-c", script], dir);

    public void Dispose()
    {
        File.Delete(shm);
        Directory.Delete(dir, recursive: true);
    }
}
