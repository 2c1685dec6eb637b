// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Aot.Tests;

/// <summary>The end-to-end container test without Docker: the published binary is packaged into
/// /opt/farquery with docker/package.sh, copied into a root file system that has no glibc (busybox-static only), and
/// run as PID 1 of new pid and mount namespaces with chroot, the way a Fargate container would run it.</summary>
[Collection("aot")]
public sealed class BusyboxRootfsTests
{
    // The app starts before the agent has set up its watches (the app comes first), and on a loaded machine that can
    // take a while: the app writes the watched file every half second for five seconds, and one write seen is enough.
    private const string WriteForFiveSeconds = "i=0; while [ $i -lt 10 ]; do echo x > /tmp/data/f; sleep 0.5; i=$((i+1)); done; ";

    private readonly AotPublishTests.Published published;

    public BusyboxRootfsTests(AotPublishTests.Published published) => this.published = published;

    private static string? Missing()
    {
        if (Environment.UserName != "root")
        {
            return "not root (chroot and unshare need it)";
        }

        foreach (var tool in new[] { "/bin/busybox", "/usr/bin/patchelf", "/usr/bin/unshare", "/usr/sbin/chroot" })
        {
            if (!File.Exists(tool))
            {
                return tool + " is missing (apt-get install busybox-static patchelf util-linux coreutils)";
            }
        }

        return null;
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
        }

        return (p.ExitCode, output, err.Result);
    }

    [Fact]
    public void Run_BusyboxRootfsAsPid1_ExitCodeEventsFileEventsAndDetection()
    {
        if (Missing() is { } why)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must run the end-to-end test: " + why);
            Console.Error.WriteLine("SKIPPED end-to-end rootfs test: " + why);
            return;
        }

        Assert.True(published.ExitCode == 0, published.Output);
        var root = Directory.CreateTempSubdirectory("farquery-rootfs-").FullName;
        try
        {
            foreach (var d in new[] { "bin", "proc", "dev/shm", "tmp/data", "etc" })
            {
                Directory.CreateDirectory(Path.Join(root, d));
            }

            File.Copy("/bin/busybox", Path.Join(root, "bin", "busybox"));
            foreach (var applet in new[] { "sh", "cat", "cp", "echo", "sleep", "true", "rm", "mkdir" })
            {
                File.CreateSymbolicLink(Path.Join(root, "bin", applet), "busybox");
            }

            File.WriteAllText(Path.Join(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            File.WriteAllText(Path.Join(root, "etc", "farquery.conf"), """
                {"schedule": {
                   "procs": {"query": "select pid, syscall, cmdline from process_events where syscall = 'execve'", "interval": 1},
                   "fim": {"query": "select target_path, action, executable from file_events", "interval": 1}},
                 "packs": {"farquery-detections": "/embedded/packs/farquery-detections.json"},
                 "file_paths": {"data": ["/tmp/data/%%"]}}
                """);

            var script = Path.Join(RepoRoot.Path, "docker", "package.sh");
            var (pkgCode, pkgOut, pkgErr) = Run("bash", script, published.Directory, Path.Join(root, "opt", "farquery"));
            Assert.True(pkgCode == 0, pkgOut + pkgErr);

            // No glibc anywhere but in /opt/farquery/lib: the binary must bring its own.
            Assert.False(File.Exists(Path.Join(root, "lib", "x86_64-linux-gnu", "libc.so.6")));

            var (code, stdout, stderr) = Run("unshare", "--pid", "--mount", "--fork", "--mount-proc=" + Path.Join(root, "proc"),
                "chroot", root, "/opt/farquery/bin/farquery", "run", "--config_path", "/etc/farquery.conf", "--",
                "/bin/sh", "-c", WriteForFiveSeconds + "cp /bin/busybox /dev/shm/true; /dev/shm/true; exit 3");

            Assert.True(code == 3, $"exit {code}\n{stdout}\n{stderr}");
            Assert.Contains("\"name\":\"procs\"", stdout, StringComparison.Ordinal);
            Assert.Contains("\"cmdline\":\"/dev/shm/true\"", stdout, StringComparison.Ordinal);
            Assert.Contains("\"target_path\":\"/tmp/data/f\"", stdout, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"pack_farquery-detections_execution_from_dev_shm\"", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
