// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Cli.Commands;

namespace FarQuery.Cli.Tests.Commands;

/// <summary>`farquery run`: the early split at "--" and what a bad agent option costs (the agent's extras, never the app).</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void Run_UnknownAgentOption_AppStillRunsAndExitCodeIsKept()
    {
        var (code, stdout, stderr) = Farquery("run", "--no-such-option", "--config_refresh=abc", "--disable_stdout_logging", "--", "sh", "-c", "echo app-ran; exit 3");
        Assert.Equal(3, code);
        Assert.Contains("app-ran", stdout, StringComparison.Ordinal);
        Assert.Contains("unknown flag --no-such-option", stderr, StringComparison.Ordinal);
        Assert.Contains("--config_refresh: 'abc' is not a non-negative integer", stderr, StringComparison.Ordinal);

        // The flag after the two bad ones still applied: no result line reached stdout.
        Assert.DoesNotContain("\"name\":", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HelpBeforeDoubleDash_PrintsHelpAndStillRunsTheApp()
    {
        var (code, stdout, _) = Farquery("run", "--help", "--", "sh", "-c", "echo app-ran; exit 4");
        Assert.Equal(4, code);
        Assert.Contains("--trace_read_opens", stdout, StringComparison.Ordinal);
        Assert.Contains("--flagfile", stdout, StringComparison.Ordinal);
        Assert.Contains("app-ran", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AppWithoutDoubleDash_FlagsEndAtTheFirstWordThatIsNotOne()
    {
        var (code, stdout, stderr) = Farquery("run", "--disable_stdout_logging", "--memory_budget", "64", "sh", "-c", "echo app-ran; exit 6");
        Assert.True(code == 6, stderr);
        Assert.Equal("app-ran\n", stdout);
    }

    [Fact]
    public void Run_NoApp_UsageErrorNamesTheForm()
    {
        var (code, _, stderr) = Farquery("run", "--verbose");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("-- app", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFlagfile_OneWarningAndTheAppRuns()
    {
        var (code, stdout, stderr) = Farquery("run", "--flagfile", "/nonexistent/osquery.flags", "--disable_stdout_logging", "--", "sh", "-c", "echo app-ran; exit 5");
        Assert.Equal(5, code);
        Assert.Equal("app-ran\n", stdout);
        Assert.Single(stderr.Split('\n'), l => l.Contains("flagfile", StringComparison.Ordinal));
        Assert.Contains("cannot read the flagfile /nonexistent/osquery.flags", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FlagfileFifo_RefusedWithoutWaitingAndTheAppRuns()
    {
        var dir = Directory.CreateTempSubdirectory("fq-run-fifo-").FullName;
        try
        {
            var fifo = Path.Join(dir, "flags");
            Assert.Equal(0, Process.Start("mkfifo", fifo)!.WaitForExit(10_000) ? 0 : 1);
            var (code, stdout, stderr) = Farquery("run", "--flagfile", fifo, "--disable_stdout_logging", "--", "sh", "-c", "echo app-ran; exit 7");
            Assert.Equal(7, code);
            Assert.Equal("app-ran\n", stdout);
            Assert.Contains("cannot read the flagfile " + fifo, stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_FlagsWithoutEffect_NotedOnceOnStderr()
    {
        var (code, _, stderr) = Farquery("run", "--pidfile=/var/run/osqueryd.pid", "--database_path", "/var/osquery/osquery.db", "--extensions_autoload=/etc/osquery/extensions.load", "--force", "--disable_stdout_logging", "--", "true");
        Assert.True(code == 0, stderr);
        var note = Assert.Single(stderr.Split('\n'), l => l.Contains("accepted without effect", StringComparison.Ordinal));
        foreach (var flag in new[] { "--pidfile", "--database_path", "--extensions_autoload", "--force" })
        {
            Assert.Contains(flag, note, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unknown flag", stderr, StringComparison.Ordinal);
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

    private static (int Code, string Stdout, string Stderr) Farquery(params string[] args) =>
        FarqueryProcess.Run(args, binary: Path.Combine(AppContext.BaseDirectory, "farquery"));
}
