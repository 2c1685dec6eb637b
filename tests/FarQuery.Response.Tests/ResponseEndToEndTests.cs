// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FarQuery.Remote.Tests.Support;
using NATS.Client.Core;

namespace FarQuery.Response.Tests;

/// <summary><c>farquery run</c> with the bundled detections and a response section: a real attack action inside the
/// traced app reaches a real nats-server, and the playbooks act on (or only log) the offending process.</summary>
public sealed class ResponseEndToEndTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-response-").FullName;
    private readonly string shm = "/dev/shm/fq-response-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string etcFile = "/etc/fq-deny-" + Guid.NewGuid().ToString("N")[..8];

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

    [Fact]
    public async Task Run_DenyPlaybook_TouchBelowEtcFailsWithEpermAndTheAlertSaysDenied()
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

        var config = Config("""{"deny-etc": {"action": "deny", "rules": ["Write below etc"]}}""", """{"bus": {"type": "nats", "url": "URL"}}""".Replace("URL", server.Url, StringComparison.Ordinal));
        var marker = Path.Join(dir, "seen");
        var run = Task.Run(() => Run(["--config_path", config], $"touch {etcFile}; echo touch-$?; echo still-serving; for i in $(seq 600); do [ -e {marker} ] && break; sleep 0.1; done"));
        try
        {
            Eventually.True(() => received.Any(r => r.Subject == "farquery.error.write_below_etc"), "the denied alert on farquery.error.write_below_etc", 60);
        }
        finally
        {
            File.WriteAllText(marker, "");
        }

        var (code, stdout, stderr) = await run;
        Assert.True(code == 0, stderr);
        Assert.Contains("touch-1", stdout, StringComparison.Ordinal);
        Assert.Contains("still-serving", stdout, StringComparison.Ordinal);
        Assert.Contains("Permission denied", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(etcFile));
        Assert.Contains("playbook deny-etc: deny done: denied", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(received.First(r => r.Subject == "farquery.error.write_below_etc").Body);
        var root = doc.RootElement;
        Assert.Equal("denied", root.GetProperty("action").GetString());
        Assert.Equal("Write below etc", root.GetProperty("rule").GetString());
        Assert.Equal(etcFile, root.GetProperty("fields").GetProperty("file_path").GetString());
        Assert.Equal("touch", root.GetProperty("fields").GetProperty("name").GetString());
        await sub.UnsubscribeAsync();
    }

    [Fact]
    public void Run_DenyPlaybookExecFromDevShm_ExecFailsAndTheShellGoesOn()
    {
        var config = Config("""{"deny-shm": {"action": "deny", "rules": ["Execution from /dev/shm"]}}""");
        var (code, stdout, stderr) = Run(["--config_path", config], $"cp /bin/true {shm} && {shm}; echo exec-$?; echo still-serving");
        Assert.True(code == 0, stderr);
        Assert.Contains("exec-126", stdout, StringComparison.Ordinal);
        Assert.Contains("still-serving", stdout, StringComparison.Ordinal);
        Assert.Contains("Permission denied", stderr, StringComparison.Ordinal);
        Assert.Contains("playbook deny-shm: deny done: denied execve " + shm, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DenyPlaybook_TouchThroughALinkToEtcFailsAndNamesWhereItLands()
    {
        var config = Config("""{"deny-etc": {"action": "deny", "rules": ["Write below etc"]}}""");
        var link = Path.Join(Path.GetTempPath(), "fq-etc-link-" + Guid.NewGuid().ToString("N")[..8]);
        File.CreateSymbolicLink(link, "/etc");
        try
        {
            var name = Path.GetFileName(etcFile);
            var (code, stdout, stderr) = Run(["--config_path", config], $"touch {link}/{name}; echo touch-$?");
            Assert.True(code == 0, stderr);
            Assert.Contains("touch-1", stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(etcFile), "the write through the link landed below /etc");
            Assert.Contains("playbook deny-etc: deny done: denied openat " + etcFile, stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Run_DenyPlaybook_ExecThroughALinkToDevShmFailsAndNamesWhereItLands()
    {
        var config = Config("""{"deny-shm": {"action": "deny", "rules": ["Execution from /dev/shm"]}}""");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var fileLink = Path.Join(Path.GetTempPath(), "fq-shm-file-" + tag);
        var dirLink = Path.Join(Path.GetTempPath(), "fq-shm-dir-" + tag);
        File.Copy("/bin/true", shm);
        File.CreateSymbolicLink(fileLink, shm);
        File.CreateSymbolicLink(dirLink, "/dev/shm");
        try
        {
            var throughDir = Path.Join(dirLink, Path.GetFileName(shm));
            var (code, stdout, stderr) = Run(["--config_path", config], $"{fileLink}; echo file-link-$?; {throughDir}; echo dir-link-$?; echo still-serving");
            Assert.True(code == 0, stderr);
            Assert.Contains("file-link-126", stdout, StringComparison.Ordinal);
            Assert.Contains("dir-link-126", stdout, StringComparison.Ordinal);
            Assert.Contains("still-serving", stdout, StringComparison.Ordinal);
            Assert.Contains("Permission denied", stderr, StringComparison.Ordinal);
            Assert.Equal(2, stderr.Split("playbook deny-shm: deny done: denied execve " + shm).Length - 1);
        }
        finally
        {
            File.Delete(fileLink);
            File.Delete(dirLink);
        }
    }

    [Fact]
    public void Run_DenyPlaybook_ExecThroughALinkToTheCallersDescriptorFailsForDevShmAndMemfd()
    {
        // The link names /proc/self/fd/N: where it leads depends on who follows it, and only the caller's view holds the
        // /dev/shm file or the memfd (docs/response.md, "deny").
        var config = Config("""{"deny-exec": {"action": "deny", "rules": ["Execution from /dev/shm", "Fileless execution via memfd_create"]}}""");
        var fdLink = Path.Join(dir, "fd-link");
        var memLink = Path.Join(dir, "memfd-link");
        const string Payload = "import os, sys; fd = os.memfd_create('fq-payload'); os.write(fd, open('/bin/true', 'rb').read()); "
            + "os.symlink(f'/proc/self/fd/{fd}', sys.argv[1]); os.execv(sys.argv[1], [sys.argv[1]])";
        var (code, stdout, stderr) = Run(["--config_path", config],
            $"cp /bin/true {shm}; exec 7< {shm}; ln -s /proc/self/fd/7 {fdLink}; {fdLink}; echo fd-link-$?; python3 -c \"{Payload}\" {memLink}; echo memfd-link-$?; echo still-serving");
        Assert.True(code == 0, stderr);
        Assert.Contains("fd-link-126", stdout, StringComparison.Ordinal);
        Assert.Contains("memfd-link-1", stdout, StringComparison.Ordinal);
        Assert.Contains("still-serving", stdout, StringComparison.Ordinal);
        Assert.Contains("PermissionError", stderr, StringComparison.Ordinal);
        Assert.Contains("playbook deny-exec: deny done: denied execve " + shm, stderr, StringComparison.Ordinal);
        Assert.Contains("playbook deny-exec: deny done: denied execve /memfd:fq-payload (deleted)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DenyPlaybookDryRun_TouchBelowEtcHappensAndTheWouldBeDenialIsLogged()
    {
        var config = Config("""{"deny-etc": {"action": "deny", "rules": ["Write below etc"], "dry_run": true}}""");
        var (code, stdout, stderr) = Run(["--config_path", config], $"touch {etcFile}; echo touch-$?");
        Assert.True(code == 0, stderr);
        Assert.Contains("touch-0", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(etcFile));
        Assert.Contains("playbook deny-etc: deny dry_run: would deny openat " + etcFile, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SnapshotPlaybook_ForensicResultsArriveOnTheSnapshotSubject()
    {
        if (!NatsServer.Available())
        {
            return;
        }

        using var server = new NatsServer();
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var received = new ConcurrentQueue<(string Subject, string Body)>();
        var sub = await subscriber.SubscribeCoreAsync<byte[]>("farquery.snapshot.>");
        _ = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync())
            {
                received.Enqueue((m.Subject, System.Text.Encoding.UTF8.GetString(m.Data!)));
            }
        });
        await subscriber.PingAsync();

        var config = Config("""{"shot": {"action": "snapshot", "rules": ["Execution from /dev/shm"]}}""", """{"bus": {"type": "nats", "url": "URL"}}""".Replace("URL", server.Url, StringComparison.Ordinal));
        var marker = Path.Join(dir, "seen");
        var run = Task.Run(() => Run(["--config_path", config], $"cp /bin/sleep {shm} && {shm} 600 & for i in $(seq 600); do [ -e {marker} ] && break; sleep 0.1; done; kill $!"));
        try
        {
            Eventually.True(() => received.Any(r => r.Subject == "farquery.snapshot.execution_from_dev_shm"), "the snapshot on farquery.snapshot.execution_from_dev_shm", 60);
        }
        finally
        {
            File.WriteAllText(marker, "");
        }

        var (code, _, stderr) = await run;
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(received.First().Body);
        var root = doc.RootElement;
        Assert.Equal("snapshot", root.GetProperty("action").GetString());
        var snapshot = root.GetProperty("snapshot");
        foreach (var query in ResponseSettings.DefaultSnapshotQueries)
        {
            Assert.False(snapshot.GetProperty(query.Key).TryGetProperty("error", out var error), $"{query.Key}: {error}");
        }

        // The offending process is still running when the snapshot is taken: it is among the processes.
        var pid = root.GetProperty("fields").GetProperty("pid").GetString();
        Assert.Contains(snapshot.GetProperty("processes").GetProperty("rows").EnumerateArray(), r => r.GetProperty("pid").GetString() == pid && r.GetProperty("path").GetString() == shm);
        Assert.Contains("playbook shot: snapshot done", stderr, StringComparison.Ordinal);
        await sub.UnsubscribeAsync();
    }

    [Fact]
    public async Task Run_BackendReloadsResponseSection_AlertsMoveToTheNewTargetDenyTakesEffectAndARefusedSectionKeepsIt()
    {
        if (!NatsServer.Available())
        {
            return;
        }

        using var server = new NatsServer();
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var received = new ConcurrentQueue<(string Subject, string Path)>();
        var sub = await subscriber.SubscribeCoreAsync<byte[]>(">");
        _ = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync())
            {
                using var doc = JsonDocument.Parse(m.Data!);
                var path = doc.RootElement.GetProperty("fields").TryGetProperty("path", out var p) ? p.GetString() ?? "" : "";
                received.Enqueue((m.Subject, path));
            }
        });
        await subscriber.PingAsync();

        // The backend first routes every alert to subject prefix "first"; the app execs a new file from /dev/shm (and
        // tries a write below /etc) each time the test starts a round.
        const string Secret = "fq-reload-secret";
        using var pki = new TestCertificates();
        var fleet = new FakeFleet(Secret) { Config = Backend(server.Url, "first", "{}") };
        using var backend = new TestHttpServer(fleet.Handle, pki.Server);
        File.WriteAllText(Path.Join(dir, "secret.txt"), Secret);
        var script = $"i=1; while [ ! -e {dir}/stop ]; do if [ -e {dir}/go-$i ]; then touch {etcFile}-$i; cp /bin/true {shm}-$i && {shm}-$i; i=$((i+1)); else sleep 0.05; fi; done";
        string[] flags =
        [
            "run", "--tls_hostname", "127.0.0.1:" + backend.Port, "--tls_server_certs", pki.CaPath, "--enroll_secret_path", Path.Join(dir, "secret.txt"),
            "--enroll_tls_endpoint", "/api/v1/osquery/enroll", "--config_plugin", "tls", "--config_tls_endpoint", "/api/v1/osquery/config", "--config_refresh", "1",
            "--logger_plugin", "tls", "--logger_tls_endpoint", "/api/v1/osquery/log", "--logger_tls_period", "1", "--disable_stdout_logging", "--", "sh", "-c", script,
        ];
        var run = Task.Run(() => FarqueryProcess.Run(flags, dir, timeoutSeconds: 300));
        var round = 0;
        string? Arrived(int r) => received.FirstOrDefault(m => m.Path == $"{shm}-{r}" && m.Subject.EndsWith(".warning.execution_from_dev_shm", StringComparison.Ordinal)).Subject;

        // Starts rounds until one's alert arrives under prefix; rounds may go elsewhere (or nowhere) until a reload.
        int RoundOn(string prefix)
        {
            for (var tries = 0; tries < 20; tries++)
            {
                var r = ++round;
                File.WriteAllText(Path.Join(dir, $"go-{r}"), "");
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(8);
                while (Arrived(r) is null && DateTime.UtcNow < until)
                {
                    Thread.Sleep(50);
                }

                if (Arrived(r)?.StartsWith(prefix + ".", StringComparison.Ordinal) == true)
                {
                    return r;
                }
            }

            throw new Xunit.Sdk.XunitException($"no round reached {prefix}.*: {string.Join(", ", received.Select(m => m.Subject + " " + m.Path))}");
        }

        try
        {
            var first = RoundOn("first");
            Assert.Equal("first.warning.execution_from_dev_shm", Arrived(first));

            // Reload: alerts to prefix "second", and a deny playbook for writes below /etc (no new seccomp filter).
            fleet.Config = Backend(server.Url, "second", """{"deny-etc": {"action": "deny", "rules": ["Write below etc"]}}""");
            var switched = RoundOn("second");
            var after = new[] { RoundOn("second"), RoundOn("second") };
            Assert.Equal(new[] { switched + 1, switched + 2 }, after);
            Assert.DoesNotContain(received, m => m.Subject.StartsWith("first.", StringComparison.Ordinal) && after.Any(r => m.Path == $"{shm}-{r}"));
            Assert.True(File.Exists($"{etcFile}-{first}"), "before the reload the write below /etc ran");
            Assert.All(after, r => Assert.False(File.Exists($"{etcFile}-{r}"), $"round {r} wrote below /etc after the deny reload"));

            // An invalid section (an unknown output type next to a valid output) is refused whole: alerts stay on "second".
            fleet.Config = Backend(server.Url, "third", "{}").Replace("\"outputs\": {", "\"outputs\": {\"bad\": {\"type\": \"smtp\", \"url\": \"smtp://x\"}, ", StringComparison.Ordinal);
            var requests = fleet.ConfigRequests;
            Eventually.True(() => fleet.ConfigRequests >= requests + 3, "the invalid config fetched and applied");
            var kept = RoundOn("second");
            Assert.Equal(after[1] + 1, kept);
            Assert.DoesNotContain(received, m => m.Subject.StartsWith("third.", StringComparison.Ordinal));
            Eventually.True(() => fleet.StatusLines.Any(l => l.ToJsonString().Contains("response section is refused", StringComparison.Ordinal)), "the refusal as a status line at the backend");
        }
        finally
        {
            File.WriteAllText(Path.Join(dir, "stop"), "");
        }

        var (code, _, stderr) = await run;
        Assert.True(code == 0, stderr);
        Assert.Contains("response: reloaded section in force: 1 outputs (bus), 1 playbooks, deny checks: WriteBelowEtc", stderr, StringComparison.Ordinal);
        Assert.Contains("the reloaded response section is refused, the previous one stays in force: response.outputs.bad", stderr, StringComparison.Ordinal);
        Assert.Contains("playbook deny-etc: deny done: denied openat " + etcFile, stderr, StringComparison.Ordinal);
        await sub.UnsubscribeAsync();
    }

    private static string Backend(string natsUrl, string prefix, string playbooks) =>
        """{"options": {"pack_delimiter": "/"}, "schedule": {}, "response": {"outputs": {"bus": {"type": "nats", "url": "URL", "subject_prefix": "PREFIX"}}, "playbooks": PLAYBOOKS}}"""
            .Replace("URL", natsUrl, StringComparison.Ordinal).Replace("PREFIX", prefix, StringComparison.Ordinal).Replace("PLAYBOOKS", playbooks, StringComparison.Ordinal);

    private string Config(string playbooks, string outputs = "{}")
    {
        var path = Path.Join(dir, "farquery.conf");
        File.WriteAllText(path, """{"packs": {"farquery-detections": "/embedded/packs/farquery-detections.json"}, "response": {"outputs": OUTPUTS, "playbooks": PLAYBOOKS}}"""
            .Replace("PLAYBOOKS", playbooks, StringComparison.Ordinal).Replace("OUTPUTS", outputs, StringComparison.Ordinal));
        return path;
    }

    private (int Code, string Stdout, string Stderr) Run(string[] flags, string script) =>
        FarqueryProcess.Run(["run", .. flags, "--disable_stdout_logging", "--", "sh", "-c", script], dir);

    public void Dispose()
    {
        File.Delete(shm);
        File.Delete(etcFile);
        foreach (var f in Directory.GetFiles("/dev/shm", Path.GetFileName(shm) + "-*").Concat(Directory.GetFiles("/etc", Path.GetFileName(etcFile) + "-*")))
        {
            File.Delete(f);
        }

        Directory.Delete(dir, recursive: true);
    }
}
