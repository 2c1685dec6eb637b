// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Small C programs compiled with gcc at test time: the behaviours a shell cannot produce (threads, vfork,
/// PTRACE_TRACEME, a seccomp wrapper that makes the kernel refuse ptrace, the rarer syscalls).</summary>
internal static class NativeHelpers
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Built = [];

    /// <summary>Why the helpers cannot be built here (gcc missing off CI), or null.</summary>
    public static string? SkipReason =>
        File.Exists("/usr/bin/gcc") || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : "LOUD SKIP: gcc is not installed; the ptrace tests need it to build their C helpers (apt-get install gcc libc6-dev)";

    /// <summary>The path of a compiled helper.</summary>
    public static string Get(string name)
    {
        lock (Gate)
        {
            if (Built.TryGetValue(name, out var path))
            {
                return path;
            }

            var dir = Path.Combine(Path.GetTempPath(), "farquery-tracer-tests-" + Environment.ProcessId);
            Directory.CreateDirectory(dir);
            var src = Path.Combine(dir, name + ".c");
            path = Path.Combine(dir, name);
            File.WriteAllText(src, Sources[name]);
            var psi = new ProcessStartInfo("gcc", ["-O1", "-pthread", "-o", path, src]) { RedirectStandardError = true, UseShellExecute = false };
            using var gcc = Process.Start(psi)!;
            var err = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Assert.True(gcc.ExitCode == 0, "gcc failed: " + err);
            Built[name] = path;
            return path;
        }
    }

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["threads"] = """
            #include <pthread.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/stat.h>
            #include <unistd.h>
            static void *work(void *arg) {
                char path[256];
                snprintf(path, sizeof path, "%s/thread-%ld", getenv("DIR"), (long)arg);
                mkdir(path, 0700);
                return 0;
            }
            int main(void) {
                pthread_t t[4];
                for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, work, (void *)i);
                for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
                return 0;
            }
            """,
        ["vfork"] = """
            #include <stdio.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int main(void) {
                pid_t p = vfork();
                if (p == 0) { execl("/bin/true", "true", "from-vfork", (char *)0); _exit(127); }
                int st; waitpid(p, &st, 0);
                printf("child=%d status=%d\n", p, WEXITSTATUS(st));
                return 0;
            }
            """,
        ["traceme"] = """
            #include <errno.h>
            #include <stdio.h>
            #include <sys/ptrace.h>
            int main(void) {
                long r = ptrace(PTRACE_TRACEME, 0, 0, 0);
                printf("traceme=%ld errno=%d\n", r, r < 0 ? errno : 0);
                return 0;
            }
            """,
        ["connect"] = """
            #include <arpa/inet.h>
            #include <netinet/in.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                int s = socket(AF_INET, SOCK_STREAM, 0);
                struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
                inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
                int r = connect(s, (struct sockaddr *)&a, sizeof a);
                printf("connect=%d\n", r);
                if (r == 0) write(s, "hello\n", 6);
                close(s);
                return r == 0 ? 0 : 1;
            }
            """,
        ["server"] = """
            #include <arpa/inet.h>
            #include <netinet/in.h>
            #include <stdio.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(void) {
                int s = socket(AF_INET, SOCK_STREAM, 0);
                struct sockaddr_in a = { .sin_family = AF_INET };
                inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
                if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 1)) return 1;
                socklen_t len = sizeof a;
                getsockname(s, (struct sockaddr *)&a, &len);
                printf("port=%d\n", ntohs(a.sin_port));
                fflush(stdout);
                struct sockaddr_in peer; socklen_t plen = sizeof peer;
                int c = accept(s, (struct sockaddr *)&peer, &plen);
                printf("accepted=%d\n", c >= 0);
                close(c);
                close(s);
                return 0;
            }
            """,
        ["rare"] = """
            #define _GNU_SOURCE
            #include <linux/if_ether.h>
            #include <arpa/inet.h>
            #include <sched.h>
            #include <stdio.h>
            #include <sys/mman.h>
            #include <sys/mount.h>
            #include <sys/socket.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            int main(void) {
                int m = memfd_create("fq-memfd", 0);
                int u = setuid(getuid());
                int p = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
                int mo = mount("none", "/nonexistent-farquery", "tmpfs", 0, 0);
                int fm = syscall(SYS_finit_module, -1, "", 0);
                printf("memfd=%d setuid=%d packet=%d mount=%d finit=%d\n", m, u, p, mo, fm);
                return 0;
            }
            """,
        ["seccompkill"] = """
            #include <linux/audit.h>
            #include <linux/filter.h>
            #include <linux/seccomp.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <sys/prctl.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            /* The app's own seccomp filter (a sandboxing library's, a hardened runtime's) kills it at its first
               getppid(2): the kernel ends the process with SIGSYS without delivering a signal. */
            int main(void) {
                struct sock_filter f[] = {
                    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
                };
                struct sock_fprog prog = { .len = 4, .filter = f };
                if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) { perror("seccomp"); return 99; }
                printf("filtered\n");
                fflush(stdout);
                syscall(SYS_getppid);
                printf("survived\n");
                return 0;
            }
            """,
        ["noptrace"] = """
            #include <errno.h>
            #include <linux/audit.h>
            #include <linux/filter.h>
            #include <linux/seccomp.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <sys/prctl.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            /* Makes the kernel refuse ptrace(2) with EPERM for this process and everything it runs, as a restrictive
               container seccomp profile or a missing SYS_PTRACE capability would. */
            int main(int argc, char **argv) {
                struct sock_filter f[] = {
                    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 0, 1),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
                };
                struct sock_fprog prog = { .len = 4, .filter = f };
                if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) { perror("seccomp"); return 99; }
                execv(argv[1], argv + 1);
                perror("execv");
                return 98;
            }
            """,
    };
}
