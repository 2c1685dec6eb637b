// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Aot.Tests;

/// <summary>farquery_spawn (exec_stub.c): a vfork-style clone that asks to be traced and execs the app with no second
/// exec of farquery. Only the published binary carries it, and it is taken only with FARQUERY_DIRECT_SPAWN=1 (job
/// control differs, docs/tracer.md §6); the JIT suites start the app through the exec stub.</summary>
[Collection("aot")]
public sealed class SpawnNativeTests
{
    private readonly AotPublishTests.Published published;

    public SpawnNativeTests(AotPublishTests.Published published) => this.published = published;

    [Fact]
    public void Run_TracedApp_RecordsTheAppsExecWithItsCmdlineAndItsFileRows()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-run-").FullName;
        try
        {
            var script = $"touch {dir}/made; exit 4";
            var (code, output) = Run(dir, ["--print-events", "--", "sh", "-c", script]);
            Assert.True(code == 4, output);
            var rows = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var execs = rows.Where(r => r.GetProperty("table").GetString() == "process_events" && r.GetProperty("syscall").GetString() == "execve").ToList();

            // The app's exec is the first exec row: its own, with the path the PATH search passed to execve, not
            // farquery's.
            Assert.Equal("sh", execs[0].GetProperty("name").GetString());
            Assert.Equal("sh -c " + script, execs[0].GetProperty("cmdline").GetString());
            Assert.EndsWith("/sh", execs[0].GetProperty("exec_path").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(execs, e => e.GetProperty("cmdline").GetString()!.Contains("__farquery-exec", StringComparison.Ordinal));
            Assert.Contains(execs, e => e.GetProperty("name").GetString() == "touch");

            // The filter is on and the options were set at the first stop: the write open of the new file stopped and
            // was recorded, and the app's exit row carries its code.
            Assert.Contains(rows, r => r.GetProperty("table").GetString() == "process_file_events" && r.GetProperty("path").GetString() == Path.Join(dir, "made"));
            Assert.Contains(rows, r => r.GetProperty("table").GetString() == "process_events" && r.GetProperty("syscall").GetString() == "exit"
                && r.GetProperty("name").GetString() == "sh" && r.GetProperty("exit_code").GetInt32() == 4);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_TracedApp_StartsWithDefaultSignalsAndAnEmptyMask(bool direct)
    {
        // The agent's runtime ignores SIGPIPE and installs handlers, the direct child blocks every signal but SIGTRAP
        // until its exec, and glibc's posix_spawn ignores its two internal signals in the stub: the app (grep itself)
        // must see none of it.
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-sig-").FullName;
        try
        {
            var (code, output) = Run(dir, ["--", "grep", "-E", "^Sig(Blk|Ign|Pnd)", "/proc/self/status"], direct);
            Assert.True(code == 0, output);
            Assert.Contains("SigPnd:\t0000000000000000", output, StringComparison.Ordinal);
            Assert.Contains("SigBlk:\t0000000000000000", output, StringComparison.Ordinal);
            Assert.Contains("SigIgn:\t0000000000000000", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_TracedApp_LeadsItsOwnProcessGroup()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-pgid-").FullName;
        try
        {
            // Fields 1 and 5 of /proc/<pid>/stat: the pid and the process group (the name "sh" has no space).
            var (code, output) = Run(dir, ["--", "sh", "-c", "read -r pid comm state ppid pgrp rest < /proc/$$/stat; echo \"pid=$pid pgrp=$pgrp\"; [ \"$pid\" = \"$pgrp\" ]"]);
            Assert.True(code == 0, output);
            Assert.Matches(@"pid=(\d+) pgrp=\1", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_MissingProgram_Exits127WithTheErrno()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-missing-").FullName;
        try
        {
            var (code, output) = Run(dir, ["--", "/nonexistent/app"]);
            Assert.True(code == 127, output);
            Assert.Contains("farquery: cannot run '/nonexistent/app': ENOENT", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [StraceFact]
    public void Run_UnderStrace_RunsTheAppUntracedWithTheWarning()
    {
        // strace -f traces the clone's child before it asks: PTRACE_TRACEME is refused, as it is without CAP_SYS_PTRACE.
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-strace-").FullName;
        try
        {
            var (code, output) = AotPublishTests.Run("strace", ["-f", "-o", "/dev/null", published.Binary, "run", "--disable_stdout_logging", "--", "sh", "-c", "echo ran; exit 6"],
                Environment(dir));
            Assert.True(code == 6, output);
            Assert.Contains("ran", output, StringComparison.Ordinal);
            Assert.Contains("ptrace refused", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private (int Code, string Output) Run(string dir, string[] args, bool direct = true) =>
        AotPublishTests.Run(published.Binary, ["run", "--disable_stdout_logging", .. args], Environment(dir, direct));

    private static Dictionary<string, string> Environment(string dir, bool direct = true)
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["FARQUERY_SOCKET"] = Path.Join(dir, "admin.sock") };
        if (direct)
        {
            env["FARQUERY_DIRECT_SPAWN"] = "1";
        }

        return env;
    }
}
