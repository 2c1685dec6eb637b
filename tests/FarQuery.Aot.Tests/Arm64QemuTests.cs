// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace FarQuery.Aot.Tests;

/// <summary>The linux-arm64 build (Fargate on Graviton) run on a real arm64 kernel: tests/arm64/run-in-qemu.sh
/// cross-publishes it with NativeAOT, boots Debian's arm64 kernel under qemu-system-aarch64 (TCG) with an initramfs whose
/// /init runs <c>farquery run</c> over a busybox shell, then a few queries, and prints everything between marker lines on
/// the serial console. The per-architecture bindings (syscall numbers, seccomp arch, ptrace_syscall_info, O_* flags) are
/// what these rows prove: a wrong number or layout shows up as a missing or garbled row, not as a crash.</summary>
/// <remarks>In the "aot" collection so the arm64 publish does not run beside the x64 one on a small CI machine.</remarks>
[Collection("aot")]
public sealed class Arm64QemuTests : IClassFixture<Arm64QemuTests.Vm>
{
    private readonly Vm vm;

    public Arm64QemuTests(Vm vm, ITestOutputHelper output)
    {
        this.vm = vm;
        output.WriteLine(vm.Timings);
    }

    /// <summary>One publish and one boot for the whole class (about a minute and a half of publishing, seconds of
    /// booting).</summary>
    public sealed class Vm : IDisposable
    {
        private readonly string work;
        private readonly bool keep;

        public Vm()
        {
            // FARQUERY_ARM64_WORK keeps the downloads, sources and publish between local runs.
            keep = Environment.GetEnvironmentVariable("FARQUERY_ARM64_WORK") is { Length: > 0 };
            work = keep ? Environment.GetEnvironmentVariable("FARQUERY_ARM64_WORK")! : Path.Join(Path.GetTempPath(), "farquery-arm64-" + Guid.NewGuid().ToString("N")[..8]);
            var clock = Stopwatch.StartNew();
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Join(RepoRoot.Path, "tests", "arm64", "run-in-qemu.sh"));
            psi.ArgumentList.Add(work);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            Serial = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(600_000))
            {
                p.Kill(entireProcessTree: true);
            }

            p.WaitForExit();
            Log = stderr.Result;
            ExitCode = p.ExitCode;
            Timings = $"run-in-qemu.sh: exit {ExitCode} after {clock.Elapsed.TotalSeconds:F0} s\n" +
                      string.Join('\n', Log.Split('\n').Where(l => l.StartsWith("run-in-qemu:", StringComparison.Ordinal)));
            Console.Error.WriteLine(Timings);
        }

        /// <summary>Exit code of the script: 0 ran to the end marker, 3 a tool is missing, else failed.</summary>
        public int ExitCode { get; }

        /// <summary>The VM's serial console (carriage returns removed).</summary>
        public string Serial { get; }

        /// <summary>The script's own messages (stderr): progress, timings, MISSING, publish errors.</summary>
        public string Log { get; }

        /// <summary>Per-step timings from the script, for the test output.</summary>
        public string Timings { get; }

        /// <summary>Why the test cannot run here (the script reported a missing tool), or null.</summary>
        public string? Missing => ExitCode == 3 ? Log.Trim() : null;

        /// <summary>The lines between <c>FQ-ARM64 BEGIN name</c> and <c>FQ-ARM64 END name rc=N</c>, and N.</summary>
        public (string[] Lines, int Rc) Section(string name)
        {
            var lines = Serial.Split('\n');
            var begin = Array.IndexOf(lines, "FQ-ARM64 BEGIN " + name);
            Assert.True(begin >= 0, $"no section {name} on the serial console:\n{Serial}\n{Log}");
            var end = Array.FindIndex(lines, begin, l => l.StartsWith("FQ-ARM64 END " + name + " rc=", StringComparison.Ordinal));
            Assert.True(end > begin, $"section {name} never ended:\n{Serial}\n{Log}");
            return (lines[(begin + 1)..end], int.Parse(lines[end][(lines[end].LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>The event rows <c>--print-events</c> wrote (in the section holding that run's stderr), one JSON
        /// object per line.</summary>
        public List<JsonElement> Events(string table, string section = "run-stderr") => Section(section).Lines
            .Where(l => l.StartsWith("{\"table\":", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("table").GetString() == table)
            .ToList();

        /// <summary>The rows of a <c>farquery query --json</c> section.</summary>
        public List<JsonElement> Rows(string section)
        {
            var (lines, rc) = Section(section);
            Assert.True(rc == 0, string.Join('\n', lines));
            return JsonDocument.Parse(string.Join('\n', lines)).RootElement.EnumerateArray().ToList();
        }

        public void Dispose()
        {
            if (keep)
            {
                return;
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

    }

    /// <summary>False (after a loud message) when the tools are missing off CI; on CI a missing tool fails the test.</summary>
    private bool Ready()
    {
        if (vm.Missing is { } why)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must run the arm64 qemu test (.ci/run installs its packages): " + why);
            Console.Error.WriteLine("LOUD SKIP: the arm64 qemu test did not run: " + why);
            return false;
        }

        Assert.True(vm.ExitCode == 0, $"run-in-qemu.sh failed ({vm.ExitCode}):\n{vm.Log}\n--- serial ---\n{vm.Serial}");
        return true;
    }

    private static string Text(JsonElement row, string column) => row.GetProperty(column).ValueKind == JsonValueKind.Null ? "" : row.GetProperty(column).ToString();

    [Fact]
    public void Vm_Boot_IsAnArm64Kernel()
    {
        if (!Ready())
        {
            return;
        }

        Assert.Matches(@"(?m)^FQ-ARM64 BOOTED aarch64 \S+-arm64$", vm.Serial);
    }

    [Fact]
    public void Run_AppExits7_ForwardsTheExitCode()
    {
        if (!Ready())
        {
            return;
        }

        Assert.Contains("\nFQ-ARM64 RUN-EXIT 7\n", vm.Serial, StringComparison.Ordinal);

        // The VM has no libssl: nothing but a TLS backend may need it (the BCL's hashing aborts the process without it,
        // and the tracer's death kills the app). Nor any glibc but the one docker/package.sh bundled in /opt/farquery.
        Assert.Contains("\nFQ-ARM64 LIBSSL 0\n", vm.Serial, StringComparison.Ordinal);
        Assert.Contains("\nFQ-ARM64 GLIBC 0\n", vm.Serial, StringComparison.Ordinal);

        // The app really ran to its end, its loopback exchange included.
        Assert.Contains("FQ-ARM64 APP received hello-arm64", vm.Section("run-stdout").Lines);
    }

    [Fact]
    public void Run_Arm64Kernel_InstallsTheSeccompFilter()
    {
        if (!Ready())
        {
            return;
        }

        // The kernel's own view of the app: filter mode, one filter (the AUDIT_ARCH_AARCH64 check let it be built and loaded).
        var stdout = vm.Section("run-stdout").Lines;
        Assert.Contains("FQ-ARM64 APP Seccomp:\t2", stdout);
        Assert.Contains("FQ-ARM64 APP Seccomp_filters:\t1", stdout);
        var stderr = string.Join('\n', vm.Section("run-stderr").Lines);
        Assert.DoesNotContain("seccomp filter refused", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sent no seccomp filter", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Run_ExecsOnArm64_RecordsPathAndCmdline()
    {
        if (!Ready())
        {
            return;
        }

        var execs = vm.Events("process_events").Where(r => Text(r, "syscall") == "execve").ToList();

        // The shell the stub exec'd: the path is the file behind /bin/sh, the argv is as given.
        var shell = Assert.Single(execs, r => Text(r, "exec_path") == "/bin/sh");
        Assert.Equal("/bin/busybox", Text(shell, "path"));
        Assert.StartsWith("/bin/sh -c grep -E", Text(shell, "cmdline"), StringComparison.Ordinal);
        Assert.Equal("/opt/farquery/bin/farquery", Text(shell, "parent_path"));

        // The copy of busybox run by its own path, a child of the shell.
        var copy = Assert.Single(execs, r => Text(r, "exec_path") == "/tmp/true");
        Assert.Equal("/tmp/true", Text(copy, "path"));
        Assert.Equal("/tmp/true", Text(copy, "cmdline"));
        Assert.Equal(Text(shell, "pid"), Text(copy, "parent"));

        // Applets the shell runs through /proc/self/exe keep their argv.
        Assert.Contains(execs, r => Text(r, "cmdline") == "nc 127.0.0.1 7777" || Text(r, "cmdline") == "timeout 10 nc 127.0.0.1 7777");

        // The app's exit is recorded with its code.
        Assert.Contains(vm.Events("process_events"), r => Text(r, "syscall") == "exit" && Text(r, "pid") == Text(shell, "pid") && Text(r, "exit_code") == "7");
    }

    [Fact]
    public void Run_WriteOpenOnArm64_IsRecordedFromOpenat()
    {
        if (!Ready())
        {
            return;
        }

        // arm64 has no open(2): the shell's redirection is an openat, which the filter stops on for its write flags.
        var open = Assert.Single(vm.Events("process_file_events"), r => Text(r, "path") == "/tmp/fq-written.txt");
        Assert.Equal("openat", Text(open, "syscall"));
        Assert.Equal("open", Text(open, "operation"));
        Assert.Equal("succeeded", Text(open, "status"));
        Assert.Equal("01101", Text(open, "flags")); // O_WRONLY|O_CREAT|O_TRUNC, octal
        Assert.Equal("/tmp", Text(open, "cwd"));
    }

    [Fact]
    public void Run_LoopbackConnectOnArm64_IsRecordedWithAddressAndPort()
    {
        if (!Ready())
        {
            return;
        }

        var sockets = vm.Events("socket_events");
        var connect = Assert.Single(sockets, r => Text(r, "action") == "connect");
        Assert.Equal("2", Text(connect, "family")); // AF_INET
        Assert.Equal("127.0.0.1", Text(connect, "remote_address"));
        Assert.Equal("7777", Text(connect, "remote_port"));
        Assert.Equal("succeeded", Text(connect, "status"));
        Assert.Contains(sockets, r => Text(r, "action") == "listen" && Text(r, "local_port") == "7777");
        Assert.Contains(sockets, r => Text(r, "action") == "accept" && Text(r, "remote_port") == Text(connect, "local_port"));
    }

    [Fact]
    public void Run_RegisterDecodingOnArm64_RecordsOpenatRefusedConnectAndExec()
    {
        if (!Ready())
        {
            return;
        }

        // FARQUERY_TRACE_REGISTERS=1: arguments from x0..x5 and the number from x8 of user_pt_regs, the result from x0 at
        // the exit stop, as on kernels without PTRACE_GET_SYSCALL_INFO.
        Assert.Contains("\nFQ-ARM64 REGS-EXIT 5\n", vm.Serial, StringComparison.Ordinal);

        // Once seen under two extra busy loops beside the whole suite: no row at all. What the run printed says why.
        var files = vm.Events("process_file_events", "regs-stderr");
        Assert.True(files.Count > 0, "no process_file_events rows; the run's stderr:\n" + string.Join('\n', vm.Section("regs-stderr").Lines));
        var open = Assert.Single(files, r => Text(r, "path") == "/tmp/fq-regs.txt");
        Assert.Equal("openat", Text(open, "syscall"));
        Assert.Equal("01101", Text(open, "flags"));
        Assert.Equal("0666", Text(open, "mode"));

        var connect = Assert.Single(vm.Events("socket_events", "regs-stderr"), r => Text(r, "action") == "connect");
        Assert.Equal("127.0.0.1", Text(connect, "remote_address"));
        Assert.Equal("7778", Text(connect, "remote_port"));
        Assert.Equal("failed", Text(connect, "status"));
        Assert.Equal("-111", Text(connect, "result")); // -ECONNREFUSED

        Assert.Contains(vm.Events("process_events", "regs-stderr"), r => Text(r, "syscall") == "execve" && Text(r, "exec_path") == "/tmp/true");
    }

    [Fact]
    public void Run_AsPid1OnArm64_ReapsOrphansAndExitsWithTheAppsCode()
    {
        if (!Ready())
        {
            return;
        }

        var lines = vm.Serial.Split('\n');
        var begin = Array.IndexOf(lines, "FQ-ARM64 BEGIN pid1");
        Assert.True(begin >= 0, vm.Serial);
        var pid1 = lines[begin..];
        Assert.Contains("FQ-ARM64 PID1 init is farquery", pid1);

        // The app's orphaned sleep was reparented to farquery, which reaped it.
        Assert.Contains("FQ-ARM64 PID1 zombies=0", pid1);

        // farquery, PID 1, exited with the app's status: the kernel reports it as the wait status 7 << 8.
        Assert.Contains(pid1, l => l.EndsWith("Attempted to kill init! exitcode=0x00000700", StringComparison.Ordinal));
    }

    [Fact]
    public void Query_LiveTablesOnArm64_ReturnTheVmsState()
    {
        if (!Ready())
        {
            return;
        }

        var os = Assert.Single(vm.Rows("os_version"));
        Assert.Equal("aarch64", Text(os, "arch"));
        Assert.Equal("12", Text(os, "major"));

        var init = Assert.Single(vm.Rows("processes"));
        Assert.Equal("1", Text(init, "pid"));
        Assert.Equal("/bin/busybox sh /init", Text(init, "cmdline"));

        Assert.Contains(vm.Rows("users"), r => Text(r, "uid") == "0" && Text(r, "username") == "root");
        Assert.Contains(vm.Rows("interface_addresses"), r => Text(r, "interface") == "lo" && Text(r, "address") == "127.0.0.1");
        Assert.EndsWith("-arm64", Text(Assert.Single(vm.Rows("kernel_info")), "version"), StringComparison.Ordinal);

        // No libssl in the VM: the hash table falls back to the managed digests, and they agree with OpenSSL's here.
        var group = System.Text.Encoding.ASCII.GetBytes("root:x:0:\nnogroup:x:65534:\n");
        var hash = Assert.Single(vm.Rows("hash"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(group)), Text(hash, "md5"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(group)), Text(hash, "sha1"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(group)), Text(hash, "sha256"));
    }

    [Fact]
    public void Tables_Arm64Binary_ListsTheEventTables()
    {
        if (!Ready())
        {
            return;
        }

        var (lines, rc) = vm.Section("tables");
        Assert.Equal(0, rc);
        Assert.Contains("processes", lines);
        Assert.Contains("process_events", lines);
        Assert.Contains("socket_events", lines);
    }

    [Fact]
    public void PacksCheck_BundledPackOnArm64_EveryQueryPrepares()
    {
        if (!Ready())
        {
            return;
        }

        var (lines, rc) = vm.Section("packs-check");
        Assert.Equal(0, rc);
        var total = Assert.Single(lines, l => l.StartsWith("total: ", StringComparison.Ordinal));
        var words = total.Split(' ');
        Assert.True(words[1] == words[3] && int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture) > 0, total);
    }
}
