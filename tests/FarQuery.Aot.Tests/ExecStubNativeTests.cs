// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.Json;

namespace FarQuery.Aot.Tests;

/// <summary>exec_stub.c, the C exec stub linked into the NativeAOT binary: it must run before the .NET runtime starts
/// and behave as its C# twin (ExecStub.Run) does.</summary>
[Collection("aot")]
public sealed class ExecStubNativeTests
{
    private readonly AotPublishTests.Published published;

    public ExecStubNativeTests(AotPublishTests.Published published) => this.published = published;

    [StraceFact]
    public void Stub_Untraced_ExecsTheAppBeforeTheRuntimeStartsAnyThread()
    {
        Assert.True(published.ExitCode == 0, published.Output);

        // The .NET runtime starts threads as it initialises: none may appear between the stub's start and the app's exec.
        var log = Path.Join(Path.GetTempPath(), "fq-stub-" + Guid.NewGuid().ToString("N") + ".strace");
        try
        {
            var (code, output) = Stub("U", "strace", ["-f", "-e", "trace=clone,clone3,fork,vfork,execve", "-o", log, published.Binary, "__farquery-exec", "0", "--", "sh", "-c", "exit 5"]);
            Assert.True(code == 5, output);
            var lines = File.ReadAllLines(log);
            var appExec = lines.Select((l, i) => (l, i)).First(x => x.l.Contains("execve(\"/", StringComparison.Ordinal) && x.l.Contains("\"exit 5\"", StringComparison.Ordinal)).i;
            Assert.DoesNotContain(lines.Take(appExec), l => l.Contains("clone", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void Stub_MissingApp_Exits127WithTheErrno()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Stub("U", published.Binary, ["__farquery-exec", "0", "--", "/nonexistent/app"]);
        Assert.Equal(127, code);
        Assert.Contains("farquery: cannot run '/nonexistent/app': ENOENT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stub_TracedWithoutAFilter_WarnsAndStillRunsTheApp()
    {
        // 'T' promises a filter; a tracer that dies before sending it must not keep the app from running.
        Assert.True(published.ExitCode == 0, published.Output);
        var (code, output) = Stub("T", published.Binary, ["__farquery-exec", "0", "--", "sh", "-c", "echo ran; exit 3"]);
        Assert.Equal(3, code);
        Assert.Contains("ran", output, StringComparison.Ordinal);
        Assert.Contains("sent no seccomp filter", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TracedApp_RecordsTheAppsExecAndFileRowsThroughTheNativeStub()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-run-").FullName;
        try
        {
            var (code, output) = AotPublishTests.Run(published.Binary, ["run", "--print-events", "--disable_stdout_logging", "--", "sh", "-c", $"touch {dir}/made; exit 4"],
                new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["FARQUERY_SOCKET"] = Path.Join(dir, "admin.sock") });
            Assert.True(code == 4, output);
            var rows = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var execs = rows.Where(r => r.GetProperty("table").GetString() == "process_events" && r.GetProperty("syscall").GetString() == "execve").ToList();

            // The stub's own exec is not an app exec: the first exec row is the shell, with the path the stub's PATH search
            // passed to execve.
            Assert.Equal("sh", execs[0].GetProperty("name").GetString());
            Assert.EndsWith("/sh", execs[0].GetProperty("exec_path").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(execs, e => e.GetProperty("cmdline").GetString()!.Contains("__farquery-exec", StringComparison.Ordinal));
            Assert.Contains(execs, e => e.GetProperty("name").GetString() == "touch");

            // The filter arrived: the write open of the new file stopped and was recorded.
            Assert.Contains(rows, r => r.GetProperty("table").GetString() == "process_file_events" && r.GetProperty("path").GetString() == Path.Join(dir, "made"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="file"/> with the control byte <paramref name="go"/> on fd 0, as the tracer would send it.</summary>
    private static (int Code, string Output) Stub(string go, string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Write(go);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(30_000), "the stub did not finish");
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>A fact that needs strace: .ci/run installs it; elsewhere the test is skipped with the reason shown.</summary>
    private sealed class StraceFactAttribute : FactAttribute
    {
        public StraceFactAttribute()
        {
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Join(d, "strace")));
            if (!onPath)
            {
                Skip = Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
                    ? null
                    : "strace is not installed (.ci/run installs it): the check that the C stub runs before the .NET runtime is skipped";
            }
        }
    }
}
