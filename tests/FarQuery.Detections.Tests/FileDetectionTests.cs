// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Detections over process_file_events. Writes into /etc, /bin, /usr/lib, /root and /dev use names unique to
/// the test and are removed by the script and again by the test, whatever happened.</summary>
[Collection(WatchedFilesCollection.Name)]
public sealed class FileDetectionTests
{
    [RootFact]
    public void WriteBelowEtc_TouchFile_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/etc/fq-detect-" + s.Id);
        var alerts = s.AssertFires("write_below_etc", $"touch {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file && a["name"] == "touch");
    }

    [RootFact]
    public void WriteBelowBinaryDir_CopyIntoUsrBin_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/usr/bin/fq-detect-" + s.Id);
        var alerts = s.AssertFires("write_below_binary_dir", $"cp /bin/true {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file && a["name"] == "cp");
    }

    [RootFact]
    public void WriteBelowMonitoredDir_WriteUsrLib_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/usr/lib/fq-detect-" + s.Id);
        var alerts = s.AssertFires("write_below_monitored_dir", $"echo x > {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file);
    }

    [RootFact]
    public void WriteBelowRoot_TouchInRootHome_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/root/fq-detect-" + s.Id);
        var alerts = s.AssertFires("write_below_root", $"mkdir -p /root && touch {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file);
    }

    [RootFact]
    public void MkdirBinaryDirs_MkdirInUsrBin_Fires()
    {
        using var s = new Scenario();
        var dir = s.System("/usr/bin/fq-detect-" + s.Id);
        var alerts = s.AssertFires("mkdir_binary_dirs", $"mkdir {dir}; rmdir {dir}");
        Assert.Contains(alerts, a => a["file_path"] == dir && a["operation"] == "mkdir");
    }

    [RootFact]
    public void ModifyBinaryDirs_RenameAndRemoveInUsrBin_Fires()
    {
        using var s = new Scenario();
        // Planted before the run, so the run itself only renames and removes.
        var file = s.System("/usr/bin/fq-detect-" + s.Id);
        var moved = s.System(file + "-moved");
        File.Copy("/bin/true", file);
        var alerts = s.AssertFires("modify_binary_dirs", $"mv {file} {moved} && rm {moved}");
        Assert.Contains(alerts, a => a["operation"] == "rename" && a["file_path"] == file && a["dest_path"] == moved);
        Assert.Contains(alerts, a => a["operation"] == "unlink" && a["file_path"] == moved);
    }

    [Fact]
    public void ClearLogActivities_TruncateSyslog_Fires()
    {
        using var s = new Scenario();
        File.WriteAllText(Path.Join(s.Dir, "syslog"), "old entries\n");
        var alerts = s.AssertFires("clear_log_activities", ": > syslog");
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, "syslog"));
    }

    [Fact]
    public void CreateSymlinkOverSensitiveFiles_LinkToShadow_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("create_symlink_over_sensitive_files", "ln -s /etc/shadow shadow_link && ln -s /etc etc_link");
        Assert.Contains(alerts, a => a["dest_path"] == "/etc/shadow");
        Assert.Contains(alerts, a => a["dest_path"] == "/etc");
    }

    [RootFact]
    public void CreateHardlinkOverSensitiveFiles_LinkShadow_Fires()
    {
        using var s = new Scenario();
        // /tmp may be another file system than /etc (EXDEV); the attempt is what the rule keys on.
        var alerts = s.AssertFires("create_hardlink_over_sensitive_files", "ln /etc/shadow shadow_link || true");
        Assert.Contains(alerts, a => a["file_path"] == "/etc/shadow");
    }

    [Fact]
    public void DeleteOrRenameShellHistory_RemoveAshHistory_Fires()
    {
        using var s = new Scenario();
        File.WriteAllText(Path.Join(s.Dir, ".ash_history"), "ls\n");
        File.WriteAllText(Path.Join(s.Dir, ".zsh_history"), "ls\n");
        var alerts = s.AssertFires("delete_or_rename_shell_history", "rm .ash_history && mv .zsh_history moved");
        Assert.Contains(alerts, a => a["operation"] == "unlink" && a["file_path"] == Path.Join(s.Dir, ".ash_history"));
        Assert.Contains(alerts, a => a["operation"] == "rename");
    }

    [Fact]
    public void ModifyShellConfigurationFile_AppendToBashrc_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("modify_shell_configuration_file", "cp /dev/null .bashrc && touch .profile");
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, ".bashrc") && a["name"] == "cp");
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, ".profile"));
    }

    [Fact]
    public void SetSetuidOrSetgidBit_ChmodUPlusS_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("set_setuid_or_setgid_bit", "touch f1 f2 && chmod u+s f1 && chmod 2755 f2");
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, "f1"));
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, "f2"));
    }

    [RootFact]
    public void CreateFilesBelowDev_TouchInDev_Fires()
    {
        using var s = new Scenario();
        var file = s.System("/dev/fq-detect-" + s.Id);
        var alerts = s.AssertFires("create_files_below_dev", $"touch {file}; rm -f {file}");
        Assert.Contains(alerts, a => a["file_path"] == file);
    }

    [RootFact]
    public void ReadSensitiveFileUntrusted_CatShadow_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("read_sensitive_file_untrusted", "cat /etc/shadow >/dev/null", "--trace-read-opens");
        Assert.Contains(alerts, a => a["file_path"] == "/etc/shadow" && a["name"] == "cat");
    }

    [Fact]
    public void ReadEnvironmentVariableFromProcFiles_CatEnviron_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("read_environment_variable_from_proc_files", "cat /proc/self/environ >/dev/null", "--trace-read-opens");
        Assert.Contains(alerts, a => a["name"] == "cat");
    }

    [Fact]
    public void DirectoryTraversalMonitoredFileRead_DotDotPathBelowXargs_Fires()
    {
        // Falco ignores a shell as the direct parent (scripts use such paths), so the reader runs below xargs.
        using var s = new Scenario();
        var alerts = s.AssertFires("directory_traversal_monitored_file_read", "echo /etc/../etc/../etc/hostname | xargs cat >/dev/null", "--trace-read-opens");
        Assert.Contains(alerts, a => a["path_raw"] == "/etc/../etc/../etc/hostname" && a["file_path"] == "/etc/hostname" && a["parent_name"] == "xargs");
    }

    [RootFact]
    public void ReadSshInformation_CatFileInRootSsh_Fires()
    {
        using var s = new Scenario();
        if (!Directory.Exists("/root/.ssh"))
        {
            s.System("/root/.ssh");
            Directory.CreateDirectory("/root/.ssh");
        }

        var file = s.System("/root/.ssh/fq-detect-" + s.Id);
        File.WriteAllText(file, "ssh-ed25519 AAAA test\n");
        var alerts = s.AssertFires("read_ssh_information", $"cat {file} >/dev/null", "--trace-read-opens");
        Assert.Contains(alerts, a => a["file_path"] == file && a["name"] == "cat");
    }

    // Sensitive reads under the default config: no --trace-read-opens, so the inotify watches of SensitiveReads report
    // them (docs/tracer.md §5). Each asserts the reader's pid, name and command line. The reader keeps the file open a
    // moment, so the watcher finds it by its descriptor: a reader that has already exited is named by a best guess
    // (docs/tracer.md §5), which a busy machine can get wrong.
    private const string HoldingReader = "python3 -c 'import sys, time; f = open(sys.argv[1]); f.read(); time.sleep(0.8)'";

    [RootFact]
    public void ReadSensitiveFileUntrusted_DefaultConfigProgramReadsShadow_FiresWithReader()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("read_sensitive_file_untrusted", $"sleep 0.3; {HoldingReader} /etc/shadow; sleep 0.3");
        AssertReader(alerts, "/etc/shadow", "/etc/shadow");
    }

    [Fact]
    public void ReadEnvironmentVariableFromProcFiles_DefaultConfigProgramReadsOwnEnviron_FiresWithReader()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("read_environment_variable_from_proc_files", $"sleep 0.3; {HoldingReader} /proc/self/environ; sleep 0.3");
        var a = Assert.Single(alerts, a => a["name"] is { } n && n.StartsWith("python", StringComparison.Ordinal) && a["cmdline"]!.EndsWith(" /proc/self/environ", StringComparison.Ordinal));
        Assert.Equal($"/proc/{a["pid"]}/environ", a["file_path"]);
    }

    [Fact]
    public void ReadEnvironmentVariableFromProcFiles_DefaultConfigPythonReadsParentEnviron_FiresWithReader()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("read_environment_variable_from_proc_files",
            "sleep 0.3; python3 -c 'import os, time; open(\"/proc/%d/environ\" % os.getppid()).read(); time.sleep(0.2)'; sleep 0.3");
        var a = Assert.Single(alerts, a => a["name"] is { } n && n.StartsWith("python", StringComparison.Ordinal));
        Assert.Equal($"/proc/{a["parent"]}/environ", a["file_path"]);
        Assert.Contains("getppid", a["cmdline"], StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnvironmentVariableFromProcFiles_SensitiveReadsOff_RaisesNothing()
    {
        // The same read as above with the watches turned off: without trace_read_opens nothing else reports it.
        using var s = new Scenario();
        var run = s.Run($"sleep 0.3; {HoldingReader} /proc/self/environ; sleep 0.3", "--enable-sensitive-reads=false");
        Assert.True(run.Of("read_environment_variable_from_proc_files").Count == 0, run.ToString());
    }

    [RootFact]
    public void DirectoryTraversalMonitoredFileRead_DefaultConfigDotDotShadowBelowXargs_FiresWithReader()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("directory_traversal_monitored_file_read", $"sleep 0.3; echo /tmp/../etc/../etc/shadow | xargs {HoldingReader}; sleep 0.3");
        var a = AssertReader(alerts, "/etc/shadow", "/tmp/../etc/../etc/shadow");
        Assert.Equal("/tmp/../etc/../etc/shadow", a["path_raw"]);
        Assert.Equal("xargs", a["parent_name"]);
    }

    [RootFact]
    public void ReadSshInformation_DefaultConfigProgramReadsPrivateKey_FiresWithReader()
    {
        using var s = new Scenario();
        if (!Directory.Exists("/root/.ssh"))
        {
            s.System("/root/.ssh");
            Directory.CreateDirectory("/root/.ssh");
        }

        var file = s.System("/root/.ssh/id_fq" + s.Id);
        File.WriteAllText(file, "not a key\n");
        var alerts = s.AssertFires("read_ssh_information", $"sleep 0.3; {HoldingReader} {file}; sleep 0.3");
        AssertReader(alerts, file, file);
    }

    [Fact]
    public void ReadCloudCredentialFiles_DefaultConfigProgramReadsAwsCredentialsInHome_FiresWithReader()
    {
        // A HOME of the test's own: the agent watches $HOME's credential files besides /root's and /home/*'s.
        using var s = new Scenario();
        var home = Path.Join(s.Dir, "home");
        Directory.CreateDirectory(Path.Join(home, ".aws"));
        var file = Path.Join(home, ".aws", "credentials");
        File.WriteAllText(file, "[default]\naws_access_key_id = AKIAEXAMPLE\n");
        s.Environment["HOME"] = home;
        var alerts = s.AssertFires("read_cloud_credential_files", $"sleep 0.3; {HoldingReader} ~/.aws/credentials; sleep 0.3");
        AssertReader(alerts, file, file);
    }

    [RootFact]
    public void ReadSensitiveFileUntrusted_DefaultConfigShortLivedCatWithSiblingStartedAfter_NamesCat()
    {
        // cat closes the file and exits within microseconds, so no descriptor is left to find; a sibling started right
        // after it is the newest process. The reader is the one whose command line names the file (docs/tracer.md §5).
        using var s = new Scenario();
        var alerts = s.AssertFires("read_sensitive_file_untrusted", "sleep 0.3; cat /etc/shadow >/dev/null & sleep 0.2; wait; sleep 0.3");
        var a = Assert.Single(alerts, a => a["file_path"] == "/etc/shadow");
        Assert.Equal("cat", a["name"]);
        Assert.Equal("cat /etc/shadow", a["cmdline"]);
        Assert.True(long.TryParse(a["pid"], out var pid) && pid > 1, a.ToString());
    }

    [Fact]
    public void SensitiveReads_DefaultConfigBenignProgramReadsOwnFiles_RaisesNothing()
    {
        using var s = new Scenario();
        File.WriteAllText(Path.Join(s.Dir, "data.txt"), "hello\n");
        var run = s.Run("sleep 0.3; cat data.txt >/dev/null; python3 -c 'open(\"data.txt\").read(); import json, os; os.listdir(\".\")'; sleep 0.3");
        Assert.True(run.Alerts.Count == 0, run.ToString());
    }

    /// <summary>The one alert for <paramref name="file"/>, raised for the holding reader given <paramref name="argument"/>.</summary>
    private static Alert AssertReader(IReadOnlyList<Alert> alerts, string file, string argument)
    {
        var a = Assert.Single(alerts, a => a["file_path"] == file);
        Assert.StartsWith("python", a["name"], StringComparison.Ordinal);
        // The interpreter's path in argv[0] depends on the machine (a version manager's shim, /usr/bin); the rest does not.
        Assert.EndsWith(HoldingReader[HoldingReader.IndexOf(" -c ", StringComparison.Ordinal)..].Replace("'", "", StringComparison.Ordinal) + " " + argument, a["cmdline"], StringComparison.Ordinal);
        Assert.True(long.TryParse(a["pid"], out var pid) && pid > 1, a.ToString());
        Assert.False(string.IsNullOrEmpty(a["parent_name"]), a.ToString());
        return a;
    }

    [RootFact]
    public void DetectReleaseAgentContainerEscape_RootWritesReleaseAgent_Fires()
    {
        using var s = new Scenario();
        var alerts = s.AssertFires("detect_release_agent_container_escape", "mkdir -p cgrp && echo /evil.sh > cgrp/release_agent");
        Assert.Contains(alerts, a => a["file_path"] == Path.Join(s.Dir, "cgrp", "release_agent"));
    }
}
