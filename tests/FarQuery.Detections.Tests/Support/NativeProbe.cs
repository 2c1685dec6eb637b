// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Detections.Tests.Support;

/// <summary>One small C program, compiled with gcc once per test run, that performs the triggering syscalls a shell
/// cannot: <c>probe traceme|attach|memfd|packet|setns|unshare|setuid|module</c>, <c>probe udp|tcp ADDRESS PORT</c>
/// (a UDP connect, or a non-blocking TCP connect that need not complete).</summary>
internal static class NativeProbe
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled probe.</summary>
    public static string Path => Built.Value;

    /// <summary>Why the probe cannot be built here (gcc missing off CI), or null.</summary>
    public static string? SkipReason =>
        File.Exists("/usr/bin/gcc") || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : "LOUD SKIP: gcc is not installed; this detection test needs it to build its C probe (apt-get install gcc libc6-dev)";

    private static string Build()
    {
        var dir = Directory.CreateTempSubdirectory("fq-detect-probe-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        var src = System.IO.Path.Join(dir, "probe.c");
        var exe = System.IO.Path.Join(dir, "probe");
        File.WriteAllText(src, Source);
        var psi = new ProcessStartInfo("gcc", ["-O1", "-o", exe, src]) { RedirectStandardError = true, UseShellExecute = false };
        using var gcc = Process.Start(psi)!;
        var err = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        Assert.True(gcc.ExitCode == 0, "gcc failed: " + err);
        return exe;
    }

    private const string Source = """
        #define _GNU_SOURCE
        #include <sched.h>
        #include <signal.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        #include <fcntl.h>
        #include <sys/ptrace.h>
        #include <sys/socket.h>
        #include <sys/mman.h>
        #include <sys/syscall.h>
        #include <sys/wait.h>
        #include <arpa/inet.h>
        #include <linux/if_ether.h>

        int main(int argc, char **argv)
        {
            if (argc < 2) return 2;
            const char *m = argv[1];
            if (!strcmp(m, "traceme")) { ptrace(PTRACE_TRACEME, 0, 0, 0); return 0; }
            if (!strcmp(m, "attach")) {
                pid_t c = fork();
                if (c == 0) { pause(); _exit(0); }
                ptrace(PTRACE_ATTACH, c, 0, 0);
                kill(c, SIGKILL); waitpid(c, 0, 0); return 0;
            }
            if (!strcmp(m, "memfd")) {
                int fd = memfd_create("payload", 0);
                int in = open("/bin/true", O_RDONLY);
                char buf[65536]; ssize_t n;
                while ((n = read(in, buf, sizeof buf)) > 0) if (write(fd, buf, n) != n) return 3;
                char path[64]; snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
                char *args[] = { "payload", NULL };
                execv(path, args); return 4;
            }
            if (!strcmp(m, "packet")) { int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)); if (s >= 0) close(s); return 0; }
            if (!strcmp(m, "setns")) { setns(0, 0); return 0; }
            if (!strcmp(m, "unshare")) { unshare(0); return 0; }
            if (!strcmp(m, "setuid")) { if (setresuid(65534, 65534, 0) != 0) return 5; if (setuid(0) != 0) {} return 0; }
            if (!strcmp(m, "module")) { syscall(SYS_finit_module, -1, "", 0); return 0; }
            if (!strcmp(m, "udp")) {
                int s = socket(AF_INET, SOCK_DGRAM, 0);
                struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[3])) };
                inet_pton(AF_INET, argv[2], &a.sin_addr);
                connect(s, (struct sockaddr *)&a, sizeof a); close(s); return 0;
            }
            if (!strcmp(m, "tcp")) {
                int s = socket(AF_INET, SOCK_STREAM, 0);
                fcntl(s, F_SETFL, O_NONBLOCK);
                struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[3])) };
                inet_pton(AF_INET, argv[2], &a.sin_addr);
                connect(s, (struct sockaddr *)&a, sizeof a); close(s); return 0;
            }
            return 2;
        }
        """;
}
