// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>The near misses: actions that look like a detection's trigger but fall under one of Falco's exceptions,
/// so the detection stays silent (while a sibling that should fire does, proving the run itself worked).</summary>
[Collection(WatchedFilesCollection.Name)]
public sealed class ExclusionTests
{
    [Fact]
    public void RunShellUntrusted_ShellBelowPlainShell_DoesNotFire()
    {
        using var s = new Scenario().Tool("nmap");
        var run = s.Run("sh -c 'sh -c \"./nmap -sn 127.0.0.1\"; true'");
        Assert.NotEmpty(run.Of("launch_suspicious_network_tool"));
        Assert.Empty(run.Of("run_shell_untrusted"));
        Assert.Empty(run.Of("web_server_spawned_shell"));
    }

    [Fact]
    public void LaunchPackageManagementProcess_DpkgBelowAptGet_OnlyTheOuterFires()
    {
        using var s = new Scenario().Tool("apt-get", "/bin/sh").Tool("dpkg");
        var alerts = s.AssertFires("launch_package_management_process", "./apt-get -c './dpkg --configure -a; true'");
        var a = Assert.Single(alerts);
        Assert.Equal("apt-get", a["name"]);
    }

    [Fact]
    public void NetcatRemoteCodeExecution_NcWithoutExec_DoesNotFire()
    {
        using var s = new Scenario().Tool("nc");
        var run = s.Run("./nc -z 127.0.0.1 9");
        Assert.NotEmpty(run.Of("launch_suspicious_network_tool"));
        Assert.Empty(run.Of("netcat_remote_code_execution"));
    }

    [Fact]
    public void ReadCloudCredentialFiles_AwsCliReadsKubeConfig_DoesNotFire()
    {
        // The cloud CLIs own these files: the same read by a program named aws raises nothing, while the sibling read
        // by tail proves the watch worked in this run. Both readers hold the file for a second (tail -f until the
        // sleep ends), so the watcher finds each by its descriptor rather than by a best guess (docs/tracer.md §5).
        using var s = new Scenario().Tool("aws", "/usr/bin/tail");
        var home = Path.Join(s.Dir, "home");
        Directory.CreateDirectory(Path.Join(home, ".kube"));
        var file = Path.Join(home, ".kube", "config");
        File.WriteAllText(file, "apiVersion: v1\n");
        s.Environment["HOME"] = home;
        var run = s.Run("sleep 0.3; sleep 1 & ./aws -s 0.1 -f --pid=$! ~/.kube/config >/dev/null; sleep 1.2; "
            + "sleep 1 & tail -s 0.1 -f --pid=$! ~/.kube/config >/dev/null; sleep 0.3");
        var a = Assert.Single(run.Of("read_cloud_credential_files"));
        Assert.Equal("tail", a["name"]);
        Assert.Equal(file, a["file_path"]);
    }

    [Fact]
    public void ClearLogActivities_AppendToSyslog_DoesNotFire()
    {
        using var s = new Scenario();
        var run = s.Run("echo entry >> syslog; touch .bashrc");
        Assert.NotEmpty(run.Of("modify_shell_configuration_file"));
        Assert.Empty(run.Of("clear_log_activities"));
    }

    [Fact]
    public void ModifyShellConfigurationFile_WrittenByShell_DoesNotFire()
    {
        // Falco exempts the shells themselves (they write their own history and rc files).
        using var s = new Scenario();
        var run = s.Run("echo 'alias ll=\"ls -l\"' >> .bashrc; : > syslog");
        Assert.NotEmpty(run.Of("clear_log_activities"));
        Assert.Empty(run.Of("modify_shell_configuration_file"));
    }

    [NativeFact]
    public void ContactEcsTaskMetadataService_SdkRuntimeName_DoesNotFire()
    {
        // An app runtime (here the probe named python3) fetching its task-role credentials is expected on Fargate.
        using var s = new Scenario().Probe("python3");
        var run = s.Run("./python3 tcp 169.254.170.2 80; ./python3 tcp 169.254.169.254 80");
        Assert.NotEmpty(run.Of("contact_ec2_instance_metadata_service"));
        Assert.Empty(run.Of("contact_ecs_task_metadata_service"));
    }

    [NativeFact]
    public void UnexpectedUdpTraffic_Dns_DoesNotFire()
    {
        using var s = new Scenario().Probe();
        var run = s.Run("./probe udp 192.0.2.10 53; ./probe udp 192.0.2.10 5000");
        Assert.Single(run.Of("unexpected_udp_traffic"));
        Assert.Equal("5000", run.Of("unexpected_udp_traffic")[0]["remote_port"]);
    }

    [Fact]
    public void DropAndExecuteNewBinary_WrittenAfterExec_DoesNotFire()
    {
        // Only files written before the exec count: rewriting a program after running it is not a drop-and-execute.
        using var s = new Scenario();
        File.Copy("/bin/true", Path.Join(s.Dir, "tool"));
        var run = s.Run("./tool && sleep 1.2 && cp /bin/true ./tool && cp /bin/true ./other && ./other");
        Assert.NotEmpty(run.Of("drop_and_execute_new_binary"));
        Assert.DoesNotContain(run.Of("drop_and_execute_new_binary"), a => a["path"] == Path.Join(s.Dir, "tool"));
    }
}
