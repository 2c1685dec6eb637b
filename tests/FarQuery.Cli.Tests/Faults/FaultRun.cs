// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Admin;

namespace FarQuery.Cli.Tests.Faults;

/// <summary>Runs one app command twice, directly and under <c>farquery run</c>, in a scratch folder. The app is a
/// <c>sh -c</c> script that touches <c>$M/started</c> first and <c>$M/ended</c> right before it exits, so a test can
/// tell when the app started and how long the agent outlived it.</summary>
internal sealed class FaultRun : IDisposable
{
    /// <summary>The hang bound for the app's start: generous, it only catches an app held back by the agent.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(5);

    /// <summary>The documented exit bound (1 s) plus test slack for a loaded machine.</summary>
    public static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(3);

    public FaultRun()
    {
        Dir = Directory.CreateTempSubdirectory("fq-fault-").FullName;
        Socket = Path.Join(Dir, "admin.sock");
    }

    /// <summary>The scratch folder (also <c>$M</c> for the app).</summary>
    public string Dir { get; }

    /// <summary>This run's admin socket.</summary>
    public string Socket { get; }

    public static string Farquery => Path.Combine(AppContext.BaseDirectory, "farquery");

    /// <summary>Wraps an app body with the two markers.</summary>
    public static string App(string body) => $"touch \"$M/started\"; {body}";

    /// <summary>Writes a file in the scratch folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Join(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs <c>bash -c <paramref name="script"/></c> with <c>$M</c>, <c>$FQ</c> and <c>FARQUERY_SOCKET</c> set.</summary>
    public Outcome Bash(string script, Action<Process>? whileRunning = null)
    {
        foreach (var marker in new[] { "started", "ended" })
        {
            File.Delete(Path.Join(Dir, marker));
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["M"] = Dir;
        start.Environment["FQ"] = Farquery;
        start.Environment["FARQUERY_SOCKET"] = Socket;
        var launched = DateTime.UtcNow;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        whileRunning?.Invoke(p);
        if (!p.WaitForExit(60_000))
        {
            // A wedged agent outlives SIGTERM (it forwards the signal to an app that has already gone): it is killed, so a
            // hang fails its own test and does not linger beside the next ones.
            p.Kill(entireProcessTree: true);
            Assert.Fail("the run did not finish within 60 s");
        }

        var exited = DateTime.UtcNow;
        p.WaitForExit();
        return new Outcome(p.ExitCode, stdout.Result, stderr.Result, launched, exited, Marker("started"), Marker("ended"));
    }

    /// <summary>Makes a FIFO in the scratch folder (its folder must exist) and returns its path: a file whose open(2)
    /// for writing waits for a reader and whose read waits for a writer (fifo(7)).</summary>
    public string Fifo(string name)
    {
        var path = Path.Join(Dir, name);
        using var p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    /// <summary>The app run directly: <c>sh -c app</c>.</summary>
    public Outcome Direct(string app) => Bash($"exec sh -c {Quote(app)}");

    /// <summary>The app under <c>farquery run <paramref name="agentArgs"/> -- sh -c app</c>.</summary>
    public Outcome Agent(string agentArgs, string app, Action<Process>? whileRunning = null) =>
        Bash($"exec \"$FQ\" run {agentArgs} -- sh -c {Quote(app)}", whileRunning);

    /// <summary>Waits for the agent's admin socket and answers <paramref name="sql"/> through it.</summary>
    public QueryResultText Query(string sql, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = AdminClient.Connect(Socket);
                var r = client.Query(sql, timeout ?? TimeSpan.FromSeconds(10));
                return new QueryResultText(string.Join("|", r.Rows.Select(row => string.Join(",", row))), null);
            }
            catch (AdminClientException e) when (e.BeforeRequest)
            {
                // The agent is still starting.
                if (DateTime.UtcNow > until)
                {
                    throw;
                }

                Thread.Sleep(100);
            }
            catch (Exception e) when (e is AdminClientException or FarQuery.Sql.SqlQueryException)
            {
                return new QueryResultText(null, e.Message);
            }
        }
    }

    /// <summary>Asserts the app saw what it sees alone: same stdout, stderr and exit code once the agent's own lines
    /// (result lines on stdout, its <c>farquery:</c> warnings on stderr) are set aside; that it started within
    /// <see cref="StartBound"/>; and that the agent exited within <see cref="ExitBound"/> of the app.</summary>
    public static void AssertAppUnharmed(Outcome direct, Outcome agent)
    {
        Assert.Equal(direct.Code, agent.Code);
        Assert.Equal(direct.Stdout, AppLines(agent.Stdout, l => l.StartsWith("{\"", StringComparison.Ordinal)));
        Assert.Equal(direct.Stderr, AppLines(agent.Stderr, l => l.StartsWith("farquery:", StringComparison.Ordinal)));
        AssertStartedAndExitedInTime(agent);
    }

    /// <summary>The start and exit bounds alone.</summary>
    public static void AssertStartedAndExitedInTime(Outcome agent)
    {
        Assert.True(agent.Started is not null, "the app never started");
        Assert.True(agent.Started!.Value - agent.Launched < StartBound, $"the app started {(agent.Started.Value - agent.Launched).TotalSeconds:0.00} s after launch");
        Assert.True(agent.Ended is not null, "the app never reached its end");
        var after = agent.Exited - agent.Ended!.Value;
        Assert.True(after < ExitBound, $"the agent exited {after.TotalSeconds:0.00} s after the app");
    }

    private static string AppLines(string text, Func<string, bool> agentLine) =>
        string.Concat(text.Split('\n').Select((l, i) => (l, i)).Where(x => !agentLine(x.l)).Select(x => x.l + "\n"))[..^1];

    private DateTime? Marker(string name)
    {
        var path = Path.Join(Dir, name);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }

    internal static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A FIFO or socket left behind by a killed run: harmless in the temp folder.
        }
    }

    /// <summary>What one run gave.</summary>
    internal sealed record Outcome(int Code, string Stdout, string Stderr, DateTime Launched, DateTime Exited, DateTime? Started, DateTime? Ended);

    /// <summary>Rows as text, or the error.</summary>
    internal sealed record QueryResultText(string? Rows, string? Error);
}
