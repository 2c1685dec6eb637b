// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.RegularExpressions;
using FarQuery.Remote.Tests.Support;

namespace FarQuery.Cli.Tests.Flags;

/// <summary>The flag sets osquery users already run, fed unchanged to <c>farquery run</c> (only the backend's address,
/// its CA and the secret's path are pointed at this test's loopback osquery TLS server, as any user points them at
/// theirs): each must enroll, fetch the config, ship result logs over TLS and answer a distributed query.</summary>
public sealed partial class FlagfileEnrollmentTests : IDisposable
{
    private const string Secret = "fq-flagfile-secret-4b19";
    private const string Probe = "flagfile-probe";
    private const string LiveQuery = "fleet_distributed_query_77";

    private readonly TestCertificates pki = new();
    private readonly FakeFleet fleet = new(Secret);
    private readonly TestHttpServer server;
    private readonly string dir = Directory.CreateTempSubdirectory("fq-flagfile-").FullName;

    public FlagfileEnrollmentTests()
    {
        server = new TestHttpServer(fleet.Handle, pki.Server);
        File.WriteAllText(Path.Join(dir, "secret.txt"), Secret + "\n");

        // Fleet's own agent options, and a snapshot query whose lines prove the TLS (and file) logging.
        fleet.Config = """
            {"options": {"pack_delimiter": "/", "logger_tls_period": 10, "distributed_plugin": "tls", "disable_distributed": false,
                         "logger_tls_endpoint": "/api/osquery/log", "distributed_interval": 10, "distributed_tls_max_attempts": 3},
             "schedule": {"probe": {"query": "select 'PROBE' as marker", "interval": 1, "snapshot": true}}}
            """.Replace("PROBE", Probe, StringComparison.Ordinal);
        fleet.PendingQueries[LiveQuery] = "select 42 as answer";
    }

    [Fact]
    public void Run_FleetOsqueryFlagfile_EnrollsFetchesConfigLogsAndAnswers()
    {
        var flagfile = Localize("fleet-osquery.flags");
        var (_, stderr) = RunUntilServed(["--flagfile", flagfile]);
        Assert.DoesNotContain("unknown flag", stderr, StringComparison.Ordinal);
        // The carver flags take effect now (docs/osquery-compat.md §2.6): none is in the "accepted without effect" note.
        var note = stderr.Split('\n').FirstOrDefault(l => l.Contains("accepted without effect", StringComparison.Ordinal)) ?? "";
        Assert.DoesNotContain("carver", note, StringComparison.Ordinal);
        Assert.Equal("/api/osquery/enroll", server.Requests.First().Path);
    }

    [Fact]
    public void Run_OrbitFlagsOnTheCommandLine_EnrollAndLogToTlsAndFiles()
    {
        var args = File.ReadAllLines(Localize("orbit-osquery.args")).Where(l => l.Length > 0).ToArray();
        var (_, stderr) = RunUntilServed(args);
        Assert.DoesNotContain("unknown flag", stderr, StringComparison.Ordinal);
        var note = Assert.Single(stderr.Split('\n'), l => l.Contains("accepted without effect", StringComparison.Ordinal));
        Assert.Contains("--pidfile", note, StringComparison.Ordinal);
        Assert.Contains("--extensions_socket", note, StringComparison.Ordinal);

        // logger_plugin=tls,filesystem: the same snapshot reached the backend and osquery's file under --logger_path.
        var snapshots = Path.Join(dir, "logs", "osqueryd.snapshots.log");
        Assert.True(File.Exists(snapshots), "no " + snapshots + "\n" + stderr);
        Assert.Contains(Probe, File.ReadAllText(snapshots), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OsctrlFlagfile_OwnPathsCompressedLogsAndDump()
    {
        foreach (var (osctrl, fleetPath) in new[] { ("enroll", "enroll"), ("config", "config"), ("log", "log"), ("read", "distributed/read"), ("write", "distributed/write") })
        {
            fleet.Routes["/prod/osquery_" + osctrl] = "/api/v1/osquery/" + fleetPath;
        }

        var (_, stderr) = RunUntilServed(["--flagfile", Localize("osctrl.flags")]);
        Assert.DoesNotContain("unknown flag", stderr, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Path == "/prod/osquery_log" && r.Headers.GetValueOrDefault("Content-Encoding") == "gzip");
        Assert.Contains("tls_dump: POST /prod/osquery_config", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HandWrittenFlagfile_CommentsAndBothSpellingsApply()
    {
        var (_, stderr) = RunUntilServed(["--flagfile", Localize("hand-written.flags")]);
        Assert.DoesNotContain("unknown flag", stderr, StringComparison.Ordinal);
        Assert.Equal("payments-api", (string?)fleet.EnrollBodies.First()["host_identifier"]);

        // --verbose listed the flags in force with where each came from.
        Assert.Contains("--specified_identifier=payments-api (Flagfile)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FlagfileWithUnknownAndMalformedFlags_StillEnrollsAndNamesBoth()
    {
        var (_, stderr) = RunUntilServed(["--flagfile", Localize("broken.flags")]);
        Assert.Contains("unknown flag --osquery_extension_magic", stderr, StringComparison.Ordinal);
        Assert.Contains("--config_refresh: 'soon' is not a non-negative integer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommandLineOverFlagfile_CommandLineWins()
    {
        var (_, _) = RunUntilServed(["--flagfile", Localize("fleet-osquery.flags"), "--host_identifier=specified", "--specified_identifier=from-the-command-line"]);
        Assert.Equal("from-the-command-line", (string?)fleet.EnrollBodies.First()["host_identifier"]);
    }

    [Fact]
    public void Run_CommandLineFlagfileAndBackendOptions_OsqueryFlagsShowsEachFromItsSource()
    {
        // The backend's options fill what neither the command line nor the flagfile set, and lose to both.
        fleet.Config = fleet.Config.Replace("\"logger_tls_period\": 10", "\"logger_tls_period\": 3, \"schedule_splay_percent\": 33, \"events_max\": 777", StringComparison.Ordinal)
            .Replace("\"distributed_interval\": 10", "\"distributed_interval\": 5", StringComparison.Ordinal);
        Dictionary<string, string>? flags = null;
        RunUntilServed(["--flagfile", Localize("hand-written.flags"), "--distributed_interval=30"], () =>
        {
            const string Sql = "select name, value from osquery_flags where name in ('distributed_interval', 'logger_tls_period', 'schedule_splay_percent', 'events_max', 'specified_identifier')";
            var (code, stdout, stderr) = FarqueryProcess.Run(["query", "--socket", Path.Join(dir, "admin.sock"), "--json", Sql]);
            Assert.True(code == 0, stderr);
            flags = System.Text.Json.JsonDocument.Parse(stdout).RootElement.EnumerateArray()
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("value").GetString()!);
        });
        Assert.NotNull(flags);
        Assert.Equal("30", flags["distributed_interval"]);
        Assert.Equal("10", flags["logger_tls_period"]);
        Assert.Equal("payments-api", flags["specified_identifier"]);
        Assert.Equal("33", flags["schedule_splay_percent"]);
        Assert.Equal("777", flags["events_max"]);
    }

    /// <summary>Copies a fixture into the scratch folder with the backend's address, CA and secret (and the log
    /// directory) pointed at this test's; every other line is left as it is.</summary>
    private string Localize(string fixture)
    {
        var text = File.ReadAllText(Path.Join(AppContext.BaseDirectory, "Flags", "Flagfiles", fixture));
        text = Pointed().Replace(text, m => m.Groups["name"].Value switch
        {
            "tls_hostname" => m.Groups["head"].Value + "127.0.0.1:" + server.Port,
            "tls_server_certs" => m.Groups["head"].Value + pki.CaPath,
            "enroll_secret_path" => m.Groups["head"].Value + Path.Join(dir, "secret.txt"),
            _ => m.Groups["head"].Value + Path.Join(dir, "logs"),
        });
        var path = Path.Join(dir, fixture);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex(@"(?<head>^\s*-{1,2}(?<name>tls_hostname|tls_server_certs|enroll_secret_path|logger_path)(=|\s+))\S+", RegexOptions.Multiline)]
    private static partial Regex Pointed();

    /// <summary>Runs <c>farquery run ARGS -- sleep 120</c> until the backend has seen an enrollment, a config fetch,
    /// the probe's result line over TLS and the answer to the live query; then stops it with SIGTERM (which it forwards
    /// to the app) and returns its exit code and stderr.</summary>
    private (int Code, string Stderr) RunUntilServed(string[] args, Action? whileRunning = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "farquery")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("run");
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in new[] { "--", "sleep", "120" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FARQUERY_SOCKET"] = Path.Join(dir, "admin.sock");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        try
        {
            Eventually.True(() => fleet.Enrolls > 0, "enrollment", 60);
            Eventually.True(() => fleet.ConfigRequests > 0, "a config fetch", 60);
            Eventually.True(() => fleet.DistributedWrites.Any(w => w.ToJsonString().Contains("\"answer\":\"42\"", StringComparison.Ordinal)), "the live query's answer", 60);
            Eventually.True(() => fleet.ResultLines.Any(l => l!.ToJsonString().Contains(Probe, StringComparison.Ordinal)), "the probe's result line over TLS", 60);
            whileRunning?.Invoke();
        }
        finally
        {
            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                kill.WaitForExit();
            }

            Assert.True(p.WaitForExit(30_000), "farquery did not exit after SIGTERM");
        }

        _ = stdout.Result;
        return (p.ExitCode, stderr.Result);
    }

    public void Dispose()
    {
        server.Dispose();
        pki.Dispose();
        Directory.Delete(dir, recursive: true);
    }
}
