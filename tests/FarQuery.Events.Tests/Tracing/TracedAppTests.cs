// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>End-to-end: the real farquery binary traces real programs with ptrace and seccomp.</summary>
public sealed class TracedAppTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-trace-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [TracerFact]
    public void Run_ExitCode_IsTheAppsExitCode()
    {
        var r = FarqueryRunner.Run(["sh", "-c", "exit 7"]);
        Assert.Equal(7, r.ExitCode);
        var exit = Assert.Single(r.Rows("process_events", "syscall", "exit"));
        Assert.Equal(7, exit.GetProperty("exit_code").GetInt64());
    }

    [TracerFact]
    public void Run_AppKilledBySignal_Exits128PlusSignal()
    {
        var r = FarqueryRunner.Run(["sh", "-c", "kill -KILL $$"]);
        Assert.Equal(128 + 9, r.ExitCode);
        var exit = Assert.Single(r.Rows("process_events", "syscall", "exit"));
        Assert.Equal(9, exit.GetProperty("signal").GetInt64());
    }

    [TracerFact]
    public void Run_MissingApp_Exits127()
    {
        var r = FarqueryRunner.Run(["/nonexistent/farquery-app"]);
        Assert.Equal(127, r.ExitCode);
    }

    [TracerFact]
    public void Run_ShellCommands_ProduceExecAndFileRowsWithCmdlineAndCwd()
    {
        File.WriteAllText(Path.Combine(dir, "in.txt"), "data");
        var r = FarqueryRunner.Run(
            ["sh", "-c", "cat in.txt > /dev/null && touch new.txt && mkdir sub && mv new.txt sub/moved.txt && chmod u+s sub/moved.txt && rm sub/moved.txt && rmdir sub"],
            cwd: dir);
        Assert.True(r.ExitCode == 0, r.ToString());

        foreach (var (name, cmdline) in new[] { ("cat", "cat in.txt"), ("touch", "touch new.txt"), ("mkdir", "mkdir sub"), ("mv", "mv new.txt sub/moved.txt"), ("chmod", "chmod u+s sub/moved.txt"), ("rm", "rm sub/moved.txt"), ("rmdir", "rmdir sub") })
        {
            var exec = r.Rows("process_events", "syscall", "execve").SingleOrDefault(e => e.GetProperty("name").GetString() == name);
            Assert.True(exec.ValueKind == JsonValueKind.Object, $"no exec row for {name}\n{r}");
            Assert.Equal(cmdline, exec.GetProperty("cmdline").GetString());
            Assert.Equal(dir, exec.GetProperty("cwd").GetString());
            Assert.EndsWith("/" + name, exec.GetProperty("path").GetString());
        }

        // The shell is the app: its exec row's parent is farquery itself, and each command is forked by the shell.
        var shell = r.Rows("process_events", "syscall", "execve").First();
        Assert.Equal("sh", shell.GetProperty("name").GetString());
        var shellPid = shell.GetProperty("pid").GetInt64();
        var cat = r.Rows("process_events", "syscall", "execve").Single(e => e.GetProperty("name").GetString() == "cat");
        Assert.Equal(shellPid, cat.GetProperty("parent").GetInt64());
        Assert.Contains(r.Rows("process_events"), e => e.GetProperty("syscall").GetString() is "fork" or "vfork" or "clone" && e.GetProperty("pid").GetInt64() == cat.GetProperty("pid").GetInt64());

        AssertFile(r, "open", Path.Combine(dir, "new.txt"), "new.txt");
        AssertFile(r, "mkdir", Path.Combine(dir, "sub"), "sub");
        var rename = AssertFile(r, "rename", Path.Combine(dir, "new.txt"), "new.txt");
        Assert.Equal(Path.Combine(dir, "sub", "moved.txt"), rename.GetProperty("dest_path").GetString());
        var chmod = AssertFile(r, "chmod", Path.Combine(dir, "sub", "moved.txt"), null);
        Assert.Equal("04", chmod.GetProperty("mode").GetString()![..2]);
        AssertFile(r, "unlink", Path.Combine(dir, "sub", "moved.txt"), "sub/moved.txt");
        AssertFile(r, "rmdir", Path.Combine(dir, "sub"), "sub");

        // cat only reads: a read-only open never stops the app, so it leaves no file row.
        Assert.DoesNotContain(r.Rows("process_file_events"), e => e.GetProperty("path").GetString() == Path.Combine(dir, "in.txt"));
    }

    [TracerFact]
    public void Run_ExecOfRelativePath_RecordsThePathAsPassedArgvAndEnvironment()
    {
        File.Copy("/bin/true", Path.Combine(dir, "mytrue"));
        var r = FarqueryRunner.Run(["sh", "-c", "FQ_MARK=on-the-env ./mytrue first 'two words'"], cwd: dir, runOptions: ["--capture-env"]);
        Assert.True(r.ExitCode == 0, r.ToString());

        var exec = r.Rows("process_events", "syscall", "execve").Single(e => e.GetProperty("name").GetString() == "mytrue");
        Assert.Equal("./mytrue", exec.GetProperty("exec_path").GetString());
        Assert.Equal(Path.Combine(dir, "mytrue"), exec.GetProperty("path").GetString());
        Assert.Equal("./mytrue first two words", exec.GetProperty("cmdline").GetString());
        Assert.Equal("./mytrue".Length + "first".Length + "two words".Length, exec.GetProperty("cmdline_size").GetInt64());
        Assert.Contains("FQ_MARK=on-the-env", exec.GetProperty("env").GetString());
        Assert.True(exec.GetProperty("env_count").GetInt64() >= 1);
    }

    [TracerFact]
    public void Run_ExecThroughLongNamedLink_NameIsTheKernelsCommAndPathTheTarget()
    {
        // The kernel names the process after the path given to execve (the link, not its target), cut to 15 bytes; the
        // program prints its own /proc/self/comm to compare with the row, which the tracer reads from the new stack.
        var link = Path.Combine(dir, "a-very-long-link-name-for-cat");
        File.CreateSymbolicLink(link, "/bin/cat");
        var r = FarqueryRunner.Run(["sh", "-c", "./a-very-long-link-name-for-cat /proc/self/comm"], cwd: dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("a-very-long-lin", r.Stdout.Trim());

        var exec = r.Rows("process_events", "syscall", "execve").Single(e => e.GetProperty("cmdline").GetString()!.StartsWith("./a-very-long", StringComparison.Ordinal));
        Assert.Equal("a-very-long-lin", exec.GetProperty("name").GetString());
        Assert.Equal("./a-very-long-link-name-for-cat", exec.GetProperty("exec_path").GetString());
        Assert.Equal("./a-very-long-link-name-for-cat /proc/self/comm", exec.GetProperty("cmdline").GetString());
        Assert.EndsWith("/cat", exec.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [TracerFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Run_ExecOfSetuidBinary_RowCarriesTheNewEffectiveIds()
    {
        // A setuid-root copy of `id`, run by uid 65534: the exec row must show euid 0, not the ids carried over from the
        // fork (the tracer re-reads the ids only when the new image is setuid/setgid).
        var id = Path.Combine(dir, "id-suid");
        File.Copy("/usr/bin/id", id);
        File.SetUnixFileMode(dir, (UnixFileMode)0x1ed);
        File.SetUnixFileMode(id, (UnixFileMode)0x9ed);
        var r = FarqueryRunner.Run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", id + " -u; exit 0"], cwd: dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("0", r.Stdout.Trim());

        // The shell runs as 65534 and forks the child that execs the setuid copy.
        var shell = r.Rows("process_events", "syscall", "execve").Single(e => e.GetProperty("name").GetString() == "sh");
        Assert.Equal(65534, shell.GetProperty("euid").GetInt64());
        var exec = r.Rows("process_events", "syscall", "execve").Single(e => e.GetProperty("name").GetString() == "id-suid");
        Assert.Equal(65534, exec.GetProperty("uid").GetInt64());
        Assert.Equal(0, exec.GetProperty("euid").GetInt64());
        Assert.Equal(65534, exec.GetProperty("gid").GetInt64());
        Assert.Equal("4755", exec.GetProperty("mode").GetString());
    }

    [TracerFact]
    public void Run_TcpConnectToLoopbackListener_ProducesSocketRow()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var reader = new StreamReader(client.GetStream());
            return await reader.ReadLineAsync();
        });

        var r = FarqueryRunner.Run([NativeHelpers.Get("connect"), port.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("hello", accept.Wait(10_000) ? accept.Result : null);

        var row = Assert.Single(r.Rows("socket_events", "action", "connect"));
        Assert.Equal("127.0.0.1", row.GetProperty("remote_address").GetString());
        Assert.Equal(port, row.GetProperty("remote_port").GetInt64());
        Assert.Equal(2, row.GetProperty("family").GetInt64());
        Assert.Equal(6, row.GetProperty("protocol").GetInt64());
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1", row.GetProperty("local_address").GetString());
        Assert.True(row.GetProperty("local_port").GetInt64() > 0);
    }

    [TracerFact]
    public void Run_TcpServer_ProducesBindListenAndAcceptRows()
    {
        using var p = FarqueryRunner.Start([NativeHelpers.Get("server")]);
        var portLine = p.StandardOutput.ReadLine();
        Assert.StartsWith("port=", portLine, StringComparison.Ordinal);
        var port = int.Parse(portLine![5..], CultureInfo.InvariantCulture);
        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, port);
        }

        var rest = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(30_000));
        var r = new RunResult(p.ExitCode, portLine + "\n" + rest.Result, err.Result);
        Assert.True(r.ExitCode == 0, r.ToString());

        var bind = Assert.Single(r.Rows("socket_events", "action", "bind"));
        Assert.Equal(port, bind.GetProperty("local_port").GetInt64());
        Assert.Equal("127.0.0.1", bind.GetProperty("local_address").GetString());
        var listen = Assert.Single(r.Rows("socket_events", "action", "listen"));
        Assert.Equal(port, listen.GetProperty("local_port").GetInt64());
        var accept = Assert.Single(r.Rows("socket_events", "action", "accept"));
        Assert.Equal("succeeded", accept.GetProperty("status").GetString());
        Assert.Equal(port, accept.GetProperty("local_port").GetInt64());
        Assert.Equal("127.0.0.1", accept.GetProperty("remote_address").GetString());
        Assert.True(accept.GetProperty("remote_port").GetInt64() > 0);
        Assert.NotEqual(bind.GetProperty("fd").GetString(), accept.GetProperty("fd").GetString());
    }

    [TracerFact]
    public void Run_MultiThreadedApp_ThreadsAreFollowed()
    {
        var r = FarqueryRunner.Run(["env", "DIR=" + dir, NativeHelpers.Get("threads")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var mkdirs = r.Rows("process_file_events", "operation", "mkdir");
        Assert.Equal(4, mkdirs.Count);
        var pid = mkdirs[0].GetProperty("pid").GetInt64();
        Assert.All(mkdirs, m =>
        {
            Assert.Equal(pid, m.GetProperty("pid").GetInt64());
            Assert.NotEqual(pid, m.GetProperty("tid").GetInt64());
        });

        // Threads are not processes: no fork or exit rows for them.
        Assert.DoesNotContain(r.Rows("process_events"), e => e.GetProperty("syscall").GetString() == "clone");
    }

    [TracerFact]
    public void Run_VforkChild_IsFollowed()
    {
        var r = FarqueryRunner.Run([NativeHelpers.Get("vfork")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var vfork = Assert.Single(r.Rows("process_events", "syscall", "vfork"));
        var child = vfork.GetProperty("pid").GetInt64();
        var exec = Assert.Single(r.Rows("process_events", "syscall", "execve"), e => e.GetProperty("pid").GetInt64() == child);
        Assert.Equal("true from-vfork", exec.GetProperty("cmdline").GetString());
        Assert.Contains($"child={child} status=0", r.Stdout, StringComparison.Ordinal);
    }

    [TracerFact]
    public void Run_OrphanedGrandchild_IsReapedAndRecorded()
    {
        // The middle shell exits at once, orphaning `sleep`; it is reparented to farquery (PID 1 or subreaper), which must
        // reap it. The app waits until the orphan's /proc entry is gone (reaped, not just exited), then counts zombie
        // children of farquery: none may remain. No fixed sleep: a loaded machine only makes the wait longer.
        var script = "f=/tmp/fq-orphan-$$; sh -c 'sleep 0.2 & echo $!' > $f; o=$(cat $f); rm -f $f; i=0; " +
                     "while [ -e /proc/$o ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; echo $o; " +
                     "cat /proc/[0-9]*/stat 2>/dev/null | awk -v p=$PPID '$3 == \"Z\" && $4 == p' | wc -l";
        var r = FarqueryRunner.Run(["sh", "-c", script]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 2 && lines[1] == "0", r.ToString());
        var orphan = long.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture);
        var exit = Assert.Single(r.Rows("process_events", "syscall", "exit"), e => e.GetProperty("pid").GetInt64() == orphan);
        Assert.True(exit.GetProperty("name").GetString() == "sleep", r.ToString());
        Assert.Equal(0, exit.GetProperty("exit_code").GetInt64());
        Assert.Single(r.Rows("process_events", "syscall", "execve"), e => e.GetProperty("pid").GetInt64() == orphan);
    }

    [TracerFact]
    public void Run_ChildrenThatStopBeforeTheirForkEvent_RowsKeepTheirOrder()
    {
        // A middle shell that backgrounds a command and exits at once often loses the race with its child: the child's
        // first stop reaches the tracer before the shell's fork event (about 1 in 25 here, more under load). Before the
        // tracer held such children, their exec and exit rows came before the fork row, and the late fork row renamed
        // the process after its parent: the exit of `true` said `sh`.
        var r = FarqueryRunner.Run(["sh", "-c", "for i in $(seq 1 200); do sh -c '/bin/true &'; done; wait; sleep 0.3"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = r.Rows("process_events");
        var app = rows[0].GetProperty("pid").GetInt64();
        var byPid = rows.GroupBy(e => e.GetProperty("pid").GetInt64()).Where(g => g.Key != app).ToList();
        Assert.All(byPid, g => Assert.Contains(g.First().GetProperty("syscall").GetString(), new[] { "fork", "vfork", "clone" }));
        var trues = byPid.Where(g => g.Any(e => e.GetProperty("syscall").GetString() == "execve" && e.GetProperty("name").GetString() == "true")).ToList();
        Assert.Equal(200, trues.Count);
        Assert.All(trues, g => Assert.All(g.Where(e => e.GetProperty("syscall").GetString() == "exit"), e => Assert.Equal("true", e.GetProperty("name").GetString())));
    }

    [TracerFact]
    public void Run_AppExitsBeforeItsBackgroundChild_ChildIsKilledAndItsExitRecorded()
    {
        // When the app (the container's main process) exits, what it left running dies with it, as in a container whose
        // PID 1 exits; process_events still says so.
        var r = FarqueryRunner.Run(["sh", "-c", "sleep 30 & until [ \"$(cat /proc/$!/comm)\" = sleep ]; do :; done; echo $!; exit 4"]);
        Assert.True(r.ExitCode == 4, r.ToString());
        var child = long.Parse(r.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var exit = Assert.Single(r.Rows("process_events", "syscall", "exit"), e => e.GetProperty("pid").GetInt64() == child);
        Assert.True(exit.GetProperty("signal").GetInt64() == 9, r.ToString());
        Assert.Equal("sleep", exit.GetProperty("name").GetString());
    }

    [TracerFact]
    public void Run_Sigterm_IsForwardedToTheApp()
    {
        using var p = FarqueryRunner.Start(["sh", "-c", "trap 'echo got-term; exit 3' TERM; echo ready; while :; do sleep 0.1; done"]);
        Assert.Equal("ready", p.StandardOutput.ReadLine());
        Assert.Equal(0, global::Interop.Libc.kill(p.Id, global::Interop.Libc.SIGTERM));

        var rest = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(30_000), "the app did not stop after SIGTERM");
        Assert.Equal(3, p.ExitCode);
        Assert.Contains("got-term", rest.Result, StringComparison.Ordinal);
        _ = err.Result;
    }

    [TracerFact]
    public void Run_OnATerminal_AppOwnsItAndCtrlCReachesItOnce()
    {
        // script(1) gives farquery a pseudo-terminal as its controlling terminal, as `docker run -it` does; a 0x03 written to
        // it is the kernel's Ctrl-C: SIGINT to the terminal's foreground process group. The app waits for the first SIGINT
        // (however long a loaded machine takes), then half a second for a duplicate.
        const string app = "set -- $(cat /proc/$$/stat); echo pid=$1 pgrp=$5 tpgid=$8; set -- $(cat /proc/$PPID/stat); echo agent_pgrp=$5; "
            + "c=0; trap \"c=\\$((c+1))\" INT; echo ready; i=0; while [ $c -lt 1 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; sleep 0.5; echo count=$c";
        var psi = new System.Diagnostics.ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-qfec", $"{FarqueryRunner.Binary} run --disable_stdout_logging -- sh -c '{app}'", "/dev/null" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["FARQUERY_SOCKET"] = Path.Combine(dir, "admin.sock");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (p.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line.Trim('\r', '\n', '^', 'C'));
            if (line.StartsWith("ready", StringComparison.Ordinal))
            {
                p.StandardInput.Write('\u0003');
                p.StandardInput.Flush();
                break;
            }
        }

        lines.AddRange(p.StandardOutput.ReadToEnd().Split('\n').Select(l => l.Trim('\r', '^', 'C')));
        Assert.True(p.WaitForExit(30_000), "the app did not finish");
        var output = string.Join('\n', lines) + "\n" + err.Result;
        var ids = lines.Single(l => l.StartsWith("pid=", StringComparison.Ordinal)).Split(' ').Select(f => f.Split('=')[1]).ToArray();

        // The app leads its own process group, which is the terminal's foreground group; the agent's group is another.
        Assert.True(ids[0] == ids[1] && ids[1] == ids[2], output);
        Assert.NotEqual(ids[0], lines.Single(l => l.StartsWith("agent_pgrp=", StringComparison.Ordinal)).Split('=')[1]);
        Assert.Contains("count=1", output, StringComparison.Ordinal);
    }

    [TracerFact]
    public void Run_AsPid1OfANewPidNamespace_ForwardsSigtermAndReaps()
    {
        // As a namespace init, farquery only receives signals it has a handler for, and it is the reaper of every orphan.
        var psi = new System.Diagnostics.ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--pid", "--fork", "--mount-proc", FarqueryRunner.Binary, "run", "--", "sh", "-c",
                     "sh -c 'sleep 0.2 &'; trap 'echo got-term; exit 3' TERM; echo ready $PPID; while :; do sleep 0.1; done",
                 })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        Assert.Equal("ready 1", p.StandardOutput.ReadLine());
        var children = File.ReadAllText($"/proc/{p.Id}/task/{p.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var farquery = int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
        // The orphaned sleep ends after 0.2 s; once reaped, PID 1's only child is the app again. A zombie would stay listed.
        string[] Children() => File.ReadAllText($"/proc/{farquery}/task/{farquery}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (Children().Length > 1 && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        Assert.Single(Children());
        Assert.Equal(0, global::Interop.Libc.kill(farquery, global::Interop.Libc.SIGTERM));
        var rest = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(30_000), "the app did not stop after SIGTERM");
        Assert.True(p.ExitCode == 3, $"exit {p.ExitCode}: {err.Result}");
        Assert.Contains("got-term", rest.Result, StringComparison.Ordinal);
    }

    [TracerFact]
    public void Run_AppCallingPtraceTraceme_StillRunsAndIsRecorded()
    {
        var r = FarqueryRunner.Run([NativeHelpers.Get("traceme")]);
        Assert.True(r.ExitCode == 0, r.ToString());

        // Already traced by us, so the kernel refuses (EPERM) and the app carries on.
        Assert.Contains("traceme=-1 errno=1", r.Stdout, StringComparison.Ordinal);
        var row = Assert.Single(r.Rows("process_events", "syscall", "ptrace"));
        Assert.Equal("request=0 pid=0", row.GetProperty("detail").GetString());
        Assert.Equal("failed", row.GetProperty("status").GetString());
    }

    [TracerFact]
    public void Run_RarerSyscalls_AreRecorded()
    {
        var r = FarqueryRunner.Run([NativeHelpers.Get("rare")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var memfd = Assert.Single(r.Rows("process_events", "syscall", "memfd_create"));
        Assert.StartsWith("name=fq-memfd", memfd.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(r.Rows("process_events", "syscall", "setuid"));
        var mount = Assert.Single(r.Rows("process_events", "syscall", "mount"));
        Assert.Contains("target=/nonexistent-farquery", mount.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", mount.GetProperty("status").GetString());
        Assert.Single(r.Rows("process_events", "syscall", "finit_module"));
        var packet = Assert.Single(r.Rows("socket_events", "action", "socket"));
        Assert.Equal(17, packet.GetProperty("family").GetInt64());
    }

    [TracerFact]
    public void Run_AppKilledByItsOwnSeccompFilter_SeccompEventsRowAndExitCodeOfSigsys()
    {
        var helper = NativeHelpers.Get("seccompkill");
        var r = FarqueryRunner.Run([helper]);

        // The app's exit code is passed on: 128 + SIGSYS (31).
        Assert.True(r.ExitCode == 159, r.ToString());
        Assert.Contains("filtered", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("survived", r.Stdout, StringComparison.Ordinal);
        var row = Assert.Single(r.Rows("seccomp_events"));
        Assert.Equal("KILL", row.GetProperty("code").GetString());
        Assert.Equal(31, row.GetProperty("sig").GetInt64());
        Assert.Equal(helper, row.GetProperty("exe").GetString());
        Assert.Equal("seccompkill", row.GetProperty("comm").GetString());
        var exit = Assert.Single(r.Rows("process_events", "syscall", "exit"));
        Assert.Equal(row.GetProperty("pid").GetInt64(), exit.GetProperty("pid").GetInt64());
    }

    [TracerFact]
    public void Run_AppKilledBySigsysFromKill_NoSeccompEventsRow()
    {
        // A SIGSYS sent with kill(1) is delivered as a signal: it is no seccomp kill.
        var r = FarqueryRunner.Run(["sh", "-c", "kill -SYS $$"]);
        Assert.True(r.ExitCode == 159, r.ToString());
        Assert.Empty(r.Rows("seccomp_events"));
    }

    [TracerFact]
    public void Run_PtraceRefusedByKernel_AppStillRunsWithOneWarning()
    {
        var r = FarqueryRunner.Run(["sh", "-c", "echo app-ran; exit 5"], wrapper: [NativeHelpers.Get("noptrace")]);
        Assert.Equal(5, r.ExitCode);
        Assert.Contains("app-ran", r.Stdout, StringComparison.Ordinal);
        Assert.Single(r.Messages.Split('\n'), l => l.Contains("ptrace refused", StringComparison.Ordinal));
        Assert.Empty(r.Events);
    }

    [TracerFact]
    public void Run_Agent_DoesNotCatchSigchld()
    {
        // A SIGCHLD handler in the runtime would reap tracees behind the tracer's back when we are PID 1 (docs/tracer.md §3.8).
        var r = FarqueryRunner.Run(["sh", "-c", "grep SigCgt /proc/$PPID/status"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var mask = ulong.Parse(r.Stdout.Split(':')[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(0UL, mask & (1UL << 16));
        Assert.NotEqual(0UL, mask & (1UL << 14));
    }

    [TracerFact]
    public void Run_App_KeepsStdinEnvironmentAndCwd()
    {
        using var p = FarqueryRunner.Start(["sh", "-c", "read line; echo \"$line|$FQ_TEST_VAR|$(pwd)\""], cwd: dir);
        p.StandardInput.WriteLine("from-stdin");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal($"from-stdin||{dir}", stdout.Trim());
    }

    private static JsonElement AssertFile(RunResult r, string operation, string path, string? raw)
    {
        var rows = r.Rows("process_file_events", "operation", operation).Where(e => e.GetProperty("path").GetString() == path).ToList();
        Assert.True(rows.Count >= 1, $"no {operation} row for {path}\n{r}");
        var row = rows[0];
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
        if (raw is not null)
        {
            Assert.Equal(raw, row.GetProperty("path_raw").GetString());
        }

        return row;
    }
}
