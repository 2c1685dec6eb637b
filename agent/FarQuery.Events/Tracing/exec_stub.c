// SPDX-License-Identifier: Apache-2.0
//
// The exec stub of `farquery run`, in C, linked into the NativeAOT binary (FarQuery.Cli.csproj, CompileExecStub).
//
// `farquery run` posix_spawns /proc/self/exe __farquery-exec <fd> -- app args..., seizes the child with ptrace, then
// tells it through the pipe <fd> whether to install the seccomp filter (ExecStub.cs has the protocol). Re-running the
// .NET binary costs a full runtime start (about 5 ms here, mostly rehydrating the image) between the agent's start and
// the app's first instruction; this function runs as an ELF constructor, before the runtime initialises, so the stub
// costs only the dynamic loader. It touches nothing but the pipe, the filter and execve. Under `dotnet test` (JIT, no
// native link step) ExecStub.Run does the same in C#.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif

// Longest classic-BPF program the kernel accepts (BPF_MAXINSNS).
#define MAX_INSNS 4096

static int read_full(int fd, void *buffer, size_t length)
{
    char *at = buffer;
    while (length > 0) {
        ssize_t n = read(fd, at, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        at += n;
        length -= (size_t)n;
    }
    return 0;
}

static void say(const char *a, const char *b, const char *c, const char *d)
{
    const char *parts[] = { a, b, c, d, "\n" };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i] != NULL && write(2, parts[i], strlen(parts[i])) < 0)
            return;
    }
}

static const char *errno_name(int e)
{
    const char *name = strerrorname_np(e);
    return name != NULL ? name : "unknown error";
}

// seccomp(2) with SPEC_ALLOW (see ExecStub.SetFilter for why), then without flags (before 4.17), then prctl.
static int set_filter(struct sock_fprog *program)
{
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW, program);
    if (rc != 0 && errno == EINVAL)
        rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, program);
    if (rc != 0 && errno == ENOSYS)
        rc = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, program, 0, 0);
    return (int)rc;
}

// The app's own process group, and the terminal when ours was its foreground group (ExecStub.TakeTerminal says why).
static void take_terminal(void)
{
    pid_t previous = getpgrp();
    if (setpgid(0, 0) != 0 || isatty(0) != 1 || tcgetpgrp(0) != previous)
        return;
    sigset_t ttou, saved;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, &saved);
    tcsetpgrp(0, getpid());
    sigprocmask(SIG_SETMASK, &saved, NULL);
}

// glibc passes argc, argv and envp to constructors. Priority 101 (the first one user code may take) puts this in
// .init_array before the constructors of the runtime's own objects, which start initialising it.
__attribute__((constructor(101))) static void farquery_exec_stub(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 5 || strcmp(argv[1], "__farquery-exec") != 0 || strcmp(argv[3], "--") != 0)
        return;

    int fd = atoi(argv[2]);
    unsigned char go = 'U';
    if (read_full(fd, &go, 1) != 0)
        go = 'U'; // the tracer vanished before deciding: run untraced rather than not at all

    if (go == 'T') {
        static struct sock_filter filter[MAX_INSNS];
        uint16_t count = 0;
        if (read_full(fd, &count, sizeof count) != 0 || count == 0 || count > MAX_INSNS
            || read_full(fd, filter, (size_t)count * sizeof filter[0]) != 0) {
            say("farquery: warning: the tracer sent no seccomp filter; processes are traced but file and socket events are off", NULL, NULL, NULL);
        } else {
            struct sock_fprog program = { .len = count, .filter = filter };
            int rc = set_filter(&program);
            if (rc != 0 && errno == EACCES) {
                // Like strace: no_new_privs only when the kernel requires it, so setuid binaries keep working with CAP_SYS_ADMIN.
                prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                rc = set_filter(&program);
            }
            if (rc != 0)
                say("farquery: warning: seccomp filter refused (", errno_name(errno), "); processes are traced but file and socket events are off", NULL);
        }
    }
    close(fd);
    take_terminal();

    // posix_spawn already reset every signal to its default and emptied the mask (PtraceLoop.SpawnStub).
    execvp(argv[4], argv + 4);
    int e = errno;
    say("farquery: cannot run '", argv[4], "': ", errno_name(e));
    _exit(e == ENOENT ? 127 : 126);
}
