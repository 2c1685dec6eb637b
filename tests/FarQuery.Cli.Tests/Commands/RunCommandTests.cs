// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Cli.Commands;

namespace FarQuery.Cli.Tests.Commands;

/// <summary>`farquery run`: the early split at "--" and what a bad agent option costs (the agent's extras, never the app).</summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData(new[] { "run", "--capture-env" }, true)]
    [InlineData(new[] { "run", "--capture-env", "false" }, false)]
    [InlineData(new[] { "run", "--capture-env", "true" }, true)]
    [InlineData(new[] { "run", "--capture-env=false" }, false)]
    [InlineData(new[] { "run", "--capture-env:true" }, true)]
    [InlineData(new[] { "run", "--capture-environment" }, false)]
    [InlineData(new[] { "run" }, false)]
    public void EarlyFlag_SystemCommandLineSpellings_ReadAsTheParserWould(string[] args, bool expected)
    {
        Assert.Equal(expected, RunCommand.EarlyFlag(args, "--capture-env"));
    }

    [Theory]
    [InlineData(new[] { "run", "--enroll_secret_env", "FLEET_SECRET" }, "FLEET_SECRET")]
    [InlineData(new[] { "run", "--enroll_secret_env=A", "--enroll_secret_env", "B" }, "B")]
    [InlineData(new[] { "run", "--enroll_secret_env:C" }, "C")]
    [InlineData(new[] { "run", "--enroll_secret_env" }, null)]
    public void EarlyValue_Spellings_LastValueWins(string[] args, string? expected)
    {
        Assert.Equal(expected, RunCommand.EarlyValue(args, "--enroll_secret_env"));
    }

    [Theory]
    [InlineData((object)new[] { "run", "sh" })]
    [InlineData((object)new[] { "run", "--" })]
    [InlineData((object)new[] { "run", "--capture-env", "--" })]
    public void StartEarly_NoAppAfterDoubleDash_LeavesItToTheParser(string[] args)
    {
        Assert.Null(RunCommand.StartEarly(args));
    }

    [Fact]
    public void Run_UnknownAgentOption_AppStillRunsAndExitCodeIsKept()
    {
        var (code, stdout, stderr) = Farquery("run", "--no-such-option", "--", "sh", "-c", "echo app-ran; exit 3");
        Assert.Equal(3, code);
        Assert.Contains("app-ran", stdout, StringComparison.Ordinal);
        Assert.Contains("ignoring the agent options", stderr, StringComparison.Ordinal);
        Assert.Contains("--no-such-option", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HelpBeforeDoubleDash_PrintsHelpAndStillRunsTheApp()
    {
        var (code, stdout, _) = Farquery("run", "--help", "--", "sh", "-c", "echo app-ran; exit 4");
        Assert.Equal(4, code);
        Assert.Contains("--trace-read-opens", stdout, StringComparison.Ordinal);
        Assert.Contains("app-ran", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConfigOptions_TurnOnReadOpensAndEnvironmentCapture()
    {
        var dir = Directory.CreateTempSubdirectory("fq-run-config-").FullName;
        try
        {
            var config = Path.Join(dir, "farquery.conf");
            File.WriteAllText(config, """{"options": {"trace_read_opens": true, "capture_env": true}, "schedule": {}}""");
            File.WriteAllText(Path.Join(dir, "read-me"), "x");
            var (code, _, stderr) = Farquery("run", "--config_path", config, "--print-events", "--", "sh", "-c", $"cat {dir}/read-me > /dev/null; FQ_MARK=from-config /bin/true");
            Assert.True(code == 0, stderr);
            var rows = stderr.Split('\n').Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();

            // trace_read_opens shaped the filter before the app started: cat's read-only open stopped and was recorded.
            Assert.Contains(rows, r => r.GetProperty("table").GetString() == "process_file_events" && r.GetProperty("path").GetString() == Path.Join(dir, "read-me"));

            // capture_env reached the tracer.
            var exec = rows.Single(r => r.GetProperty("table").GetString() == "process_events" && r.GetProperty("syscall").GetString() == "execve" && r.GetProperty("name").GetString() == "true");
            Assert.Contains("FQ_MARK=from-config", exec.GetProperty("env").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_NoTracerOptions_RecordsNeitherReadOpensNorEnvironment()
    {
        var dir = Directory.CreateTempSubdirectory("fq-run-config-").FullName;
        try
        {
            File.WriteAllText(Path.Join(dir, "read-me"), "x");
            var (code, _, stderr) = Farquery("run", "--print-events", "--disable_stdout_logging", "--", "sh", "-c", $"cat {dir}/read-me > /dev/null; FQ_MARK=x /bin/true");
            Assert.True(code == 0, stderr);
            var rows = stderr.Split('\n').Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            Assert.DoesNotContain(rows, r => r.GetProperty("table").GetString() == "process_file_events" && r.GetProperty("path").GetString() == Path.Join(dir, "read-me"));
            var exec = rows.Single(r => r.GetProperty("table").GetString() == "process_events" && r.GetProperty("syscall").GetString() == "execve" && r.GetProperty("name").GetString() == "true");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, exec.GetProperty("env").ValueKind);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Farquery(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "farquery"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // No admin socket clash with a parallel test, and no result lines mixed into the app's output.
        start.Environment["FARQUERY_SOCKET"] = Path.Combine(Path.GetTempPath(), "fq-run-" + Guid.NewGuid().ToString("N") + ".sock");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "farquery run did not finish");
        return (p.ExitCode, stdout, stderr.Result);
    }
}
