// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.Json;

namespace FarQuery.Detections.Tests.Support;

/// <summary>One <c>farquery run [options] -- sh -c SCRIPT</c> with the embedded default config (the detection pack),
/// run to completion as a child process; its stdout is osquery's event-format result log, one JSON object per line.</summary>
internal sealed class FarQueryRun
{
    /// <summary>The scheduled name of a detection in the default config.</summary>
    public static string QueryName(string detection) => "pack_farquery-detections_" + detection;

    private FarQueryRun(int exitCode, string stdout, string stderr)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        Alerts = Parse(stdout);
    }

    /// <summary>The app's exit code, which farquery passes on.</summary>
    public int ExitCode { get; }

    /// <summary>The result log.</summary>
    public string Stdout { get; }

    /// <summary>The app's and farquery's diagnostics.</summary>
    public string Stderr { get; }

    /// <summary>Every result line of a detection query (a pack's query: the name starts with <c>pack_</c>).</summary>
    public IReadOnlyList<Alert> Alerts { get; }

    /// <summary>Runs the script under farquery in <paramref name="workDir"/> and waits (at most a minute).</summary>
    public static FarQueryRun Shell(string script, string workDir, params string[] options) => Shell(script, workDir, null, options);

    /// <summary>Runs the script under farquery in <paramref name="workDir"/>, with <paramref name="environment"/> set
    /// for farquery (and so for the app), and waits (at most a minute).</summary>
    public static FarQueryRun Shell(string script, string workDir, IReadOnlyDictionary<string, string>? environment, params string[] options)
    {
        // Every run gets a network namespace of its own in which every IPv4 address is local (a `local` route for
        // 0.0.0.0/0 on lo): probes "connecting" to the metadata services or miner pools reach this namespace's
        // loopback and nothing ever leaves the machine.
        var psi = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        // Its own admin socket: on the default path, a parallel test's `farquery query` would reach this agent.
        psi.Environment["FARQUERY_SOCKET"] = Path.Combine(workDir, "admin.sock");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        psi.ArgumentList.Add("--net");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("ip link set lo up && ip route add local 0.0.0.0/0 dev lo && exec \"$0\" \"$@\"");
        psi.ArgumentList.Add(Repository.Binary);
        psi.ArgumentList.Add("run");

        // The exit's bound (1 s by default) is the product's promise to the task; these tests are about what is
        // detected, and a Debug build's last run of the detections beside the other test assemblies on two cores can
        // take longer (seen with extra load: the watchdog ended the exit before the last rows were logged).
        psi.ArgumentList.Add("--exit_timeout_ms=20000");
        foreach (var o in options)
        {
            psi.ArgumentList.Add(o);
        }

        psi.ArgumentList.Add("--");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail("farquery run did not finish within a minute: " + script);
        }

        return new FarQueryRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The alerts of one detection.</summary>
    public IReadOnlyList<Alert> Of(string detection) => Alerts.Where(a => a.Query == QueryName(detection)).ToList();

    /// <summary>The alerts of one query of the pack compiled from a config's falco_rules (FalcoRulesConfig.PackName).</summary>
    public IReadOnlyList<Alert> OfFalco(string queryName) => Alerts.Where(a => a.Query == "pack_falco_" + queryName).ToList();

    /// <summary>The whole run, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    private static List<Alert> Parse(string stdout)
    {
        var alerts = new List<Alert>();
        foreach (var line in stdout.Split('\n'))
        {
            // Detections of every pack: the bundled one, and the pack "falco" compiled from falco_rules files.
            if (!line.StartsWith("{\"name\":\"pack_", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var columns = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var c in doc.RootElement.GetProperty("columns").EnumerateObject())
            {
                columns[c.Name] = c.Value.ValueKind == JsonValueKind.Null ? null : c.Value.ToString();
            }

            alerts.Add(new Alert(doc.RootElement.GetProperty("name").GetString()!, doc.RootElement.GetProperty("action").GetString()!, columns));
        }

        return alerts;
    }
}

/// <summary>One result line of a detection: the scheduled query's name, the differential action and the columns.</summary>
internal sealed record Alert(string Query, string Action, IReadOnlyDictionary<string, string?> Columns)
{
    /// <summary>A column's value, or null when absent or NULL.</summary>
    public string? this[string column] => Columns.TryGetValue(column, out var v) ? v : null;

    /// <inheritdoc/>
    public override string ToString() => Query + " " + string.Join(", ", Columns.Select(c => c.Key + "=" + c.Value));
}
