// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Aot.Tests;

/// <summary>farquery_spawn (exec_stub.c): a clone of the tracer thread, seized before it installs the filter and execs the
/// app, with no second exec of farquery (docs/tracer.md §3.8). Only the published binary carries it, where it is the
/// default (--tracer_spawn=direct); the JIT suites start the app through the exec stub, and so do these tests with
/// --tracer_spawn=stub where both must behave alike.</summary>
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
        // The agent's runtime ignores SIGPIPE and installs handlers, the direct child blocks every signal until its exec
        // (the tracer empties the mask at the exec event), and glibc's posix_spawn ignores its two internal signals in
        // the stub: the app (grep itself) must see none of it.
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_AppsChildStoppedWithKillStop_StaysStoppedUntilSigcont(bool direct)
    {
        // Job control inside the app: a seized tracee's group-stop is held with PTRACE_LISTEN, so the stopped child stays
        // stopped ('t', a tracee's stop, in /proc/<pid>/stat, as under the stub) until SIGCONT. A PTRACE_TRACEME
        // tracee's children are not seized: their group-stop cannot be held, and the child ran on (what kept the first
        // direct spawn off by default; its binary prints stopped=S here). The loops bound the wait for the state to
        // change; nothing is timed.
        const string script = """
            sleep 60 & c=$!
            kill -STOP $c
            i=0; while read -r p n s rest < /proc/$c/stat; [ "$s" != T ] && [ "$s" != t ] && [ $i -lt 1000 ]; do i=$((i+1)); sleep 0.01; done
            echo "stopped=$s"
            sleep 0.2; read -r p n s rest < /proc/$c/stat
            echo "still=$s"
            kill -CONT $c
            i=0; while read -r p n s rest < /proc/$c/stat; { [ "$s" = T ] || [ "$s" = t ]; } && [ $i -lt 1000 ]; do i=$((i+1)); sleep 0.01; done
            echo "continued=$s"
            kill $c; wait $c; echo "status=$?"
            """;
        var (code, output) = RunInTempDir(["--", "sh", "-c", script], direct);
        Assert.True(code == 0, output);
        Assert.Contains("stopped=t\n", output, StringComparison.Ordinal);
        Assert.Contains("still=t\n", output, StringComparison.Ordinal);
        Assert.Matches("continued=[RS]\n", output);

        // 128 + SIGTERM: the continued child ran until the shell's kill, and the shell saw it die of it.
        Assert.Contains("status=143", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DenyPlaybookOnExecs_TakesTheStubAndRefusesTheAppsOwnExec()
    {
        // An exec rule makes execve stop at its entry; under the direct spawn the app's own exec would stop while the
        // tracer thread still waits for it inside farquery_spawn, so the stub starts the app, and that first exec is
        // judged like any other.
        var shm = "/dev/shm/fq-aot-deny-" + Guid.NewGuid().ToString("N")[..8];
        var config = Path.Join(Path.GetTempPath(), Path.GetFileName(shm) + ".conf");
        File.WriteAllText(config, """{"response": {"playbooks": {"deny-shm": {"action": "deny", "rules": ["Execution from /dev/shm"]}}}}""");
        File.Copy("/bin/true", shm);
        try
        {
            var (code, output) = RunInTempDir(["--config_path", config, "--", shm]);
            Assert.True(code == 126, output);
            Assert.Contains("denied execve " + shm, output, StringComparison.Ordinal);
            Assert.DoesNotContain("the direct spawn failed", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(shm);
            File.Delete(config);
        }
    }

    [Fact]
    public void Spawn_SigstopBeforeTheExec_IsDroppedAndTheAppRuns()
    {
        // Only SIGSTOP gets through the child's full mask, and its stop before the exec would wait for the tracer thread,
        // which waits for the exec in farquery_spawn. exec_stub.c is compiled here with a harness whose execvpe (the
        // child's call binds to it) stops itself first, as a SIGSTOP sent in that window would; the harness then traces
        // the app as the loop does.
        if (!File.Exists("/usr/bin/gcc"))
        {
            Assert.False(System.Environment.GetEnvironmentVariable("CI") == "true", "CI must build the harness: gcc is missing");
            Console.Error.WriteLine("SKIPPED farquery_spawn harness: gcc is missing");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("fq-spawn-harness-").FullName;
        try
        {
            var source = Path.Join(dir, "harness.c");
            File.WriteAllText(source, Harness);
            var binary = Path.Join(dir, "harness");
            var (built, log) = AotPublishTests.Run("gcc", ["-O1", "-Wall", "-o", binary, source, RepoRoot.Join("agent", "FarQuery.Events", "Tracing", "exec_stub.c")], null);
            Assert.True(built == 0, log);

            var (code, output) = AotPublishTests.Run(binary, ["/bin/sh", "-c", "exit 4"], null);
            Assert.True(code == 0, output);
            Assert.Contains("stopped itself\n", output, StringComparison.Ordinal);
            Assert.Contains("spawned step=0 exec_errno=0\n", output, StringComparison.Ordinal);

            // The app's first stop is its exec event, the dropped SIGSTOP is never seen, and the app runs to its end.
            Assert.Equal(["stop 5 event 4", "exited 4"], output.Split('\n').Where(l => l.StartsWith("stop ", StringComparison.Ordinal) || l.StartsWith("exited", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private const string Harness = """
        #define _GNU_SOURCE
        #include <linux/filter.h>
        #include <signal.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <sys/ptrace.h>
        #include <sys/syscall.h>
        #include <sys/wait.h>
        #include <unistd.h>

        struct farquery_spawn_result { int32_t failed_step, filter_errno, exec_errno; };
        int farquery_spawn(char *const *argv, char *const *envp, const struct sock_filter *filter, uint16_t count, int options, struct farquery_spawn_result *result);
        extern char **environ;

        int execvpe(const char *file, char *const argv[], char *const envp[])
        {
            static const char said[] = "stopped itself\n";
            kill(getpid(), SIGSTOP);
            if (write(2, said, sizeof said - 1) < 0)
                return -1;
            return (int)syscall(SYS_execve, file, argv, envp);
        }

        int main(int argc, char **argv)
        {
            (void)argc;
            struct farquery_spawn_result r;
            int pid = farquery_spawn(argv + 1, environ, NULL, 0, PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL, &r);
            printf("spawned step=%d exec_errno=%d\n", r.failed_step, r.exec_errno);
            if (pid < 0)
                return 1;
            for (int status;;) {
                if (waitpid(pid, &status, __WALL) != pid)
                    return 2;
                if (!WIFSTOPPED(status)) {
                    printf("exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
                    return 0;
                }
                printf("stop %d event %d\n", WSTOPSIG(status), status >> 16);
                ptrace(PTRACE_CONT, pid, 0, status >> 16 ? 0 : WSTOPSIG(status));
            }
        }
        """;

    [StraceFact]
    public void Run_UnderStrace_RunsTheAppUntracedWithTheWarning()
    {
        // strace -f traces the clone's child before the tracer can seize it: PTRACE_SEIZE is refused (as it is without
        // CAP_SYS_PTRACE), the child is killed and reaped, and the stub path, refused the same way, runs the app untraced.
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-strace-").FullName;
        try
        {
            var (code, output) = AotPublishTests.Run("strace", ["-f", "-o", "/dev/null", published.Binary, "run", "--disable_stdout_logging", "--", "sh", "-c", "echo ran; exit 6"],
                Environment(dir));
            Assert.DoesNotContain("the direct spawn failed", output, StringComparison.Ordinal);
            Assert.True(code == 6, output);
            Assert.Contains("ran", output, StringComparison.Ordinal);
            Assert.Contains("ptrace refused", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>`farquery run` with its admin socket in a temporary folder, removed after.</summary>
    private (int Code, string Output) RunInTempDir(string[] args, bool direct = true)
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-aot-spawn-").FullName;
        try
        {
            return Run(dir, args, direct);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private (int Code, string Output) Run(string dir, string[] args, bool direct = true) =>
        AotPublishTests.Run(published.Binary, ["run", "--disable_stdout_logging", direct ? "--tracer_spawn=direct" : "--tracer_spawn=stub", .. args], Environment(dir));

    private static Dictionary<string, string> Environment(string dir) =>
        new() { ["PATH"] = "/usr/bin:/bin", ["FARQUERY_SOCKET"] = Path.Join(dir, "admin.sock") };
}
