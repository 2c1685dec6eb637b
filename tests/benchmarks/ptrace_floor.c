// SPDX-License-Identifier: Apache-2.0
// The ptrace floor for tracer-overhead.sh: a tracer that takes exactly the stops `farquery run` takes and does nothing
// at any of them. It spawns the app the way farquery does (a child that waits on a pipe until it has been seized, then
// installs the filter itself and execs the app), seizes it with farquery's options, installs a filter that stops on
// the same syscalls under the same argument tests (docs/tracer.md §3.2, docs/events.md "Traced syscalls"), and resumes
// every stop at once, reading nothing. What `farquery run` takes beyond this on the same workload is the agent's own
// work; what this takes beyond the untraced run is the cost of the stops themselves (docs/tracer.md §2.3, §6).
// Like farquery, it takes the syscall-exit-stop of every traced syscall but execveat (farquery needs the result for the
// row; an exec's row comes from its exec event instead), so a write open costs both tracers two stops.
//
// usage: ptrace_floor app [args...]   (exit code: the app's, 128+N for signal N)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "x86_64 or arm64 only"
#endif

// O_WRONLY | O_RDWR | O_CREAT | O_TRUNC: an open with none of these does not stop (farquery's FilterRule.WriteOpen).
#define WRITE_FLAGS 0x243

#define LD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define LD_ARG(n) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args) + 8 * (n))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
// A syscall whose verdict depends on one argument: TRACE when the test holds, else ALLOW.
#define ARG_TEST(nr, arg, op, k) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 4), LD_ARG(arg), \
    BPF_JUMP(BPF_JMP | (op) | BPF_K, (k), 0, 1), RET(SECCOMP_RET_TRACE), RET(SECCOMP_RET_ALLOW)
#define TRACE_IF(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), RET(SECCOMP_RET_TRACE)
// The filter's data for execveat, read back with PTRACE_GETEVENTMSG: its stop takes no syscall-exit-stop.
#define NO_EXIT_STOP 1

static struct sock_filter program[] = {
    LD(arch),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
    RET(SECCOMP_RET_TRACE),
    LD(nr),
#ifdef __x86_64__
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1), // x32
    RET(SECCOMP_RET_TRACE),
#endif
    // openat: flags are argument 2; open (x86_64): argument 1; socket: AF_PACKET only.
    ARG_TEST(__NR_openat, 2, BPF_JSET, WRITE_FLAGS),
#ifdef __NR_open
    ARG_TEST(__NR_open, 1, BPF_JSET, WRITE_FLAGS),
#endif
    ARG_TEST(__NR_socket, 0, BPF_JEQ, AF_PACKET),
    // execve does not stop at its entry (the exec event stops the new image); everything below always stops.
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_execveat, 0, 1), RET(SECCOMP_RET_TRACE | NO_EXIT_STOP),
    TRACE_IF(__NR_openat2),
#ifdef __NR_creat
    TRACE_IF(__NR_creat),
    TRACE_IF(__NR_mkdir),
    TRACE_IF(__NR_rmdir),
    TRACE_IF(__NR_unlink),
    TRACE_IF(__NR_rename),
    TRACE_IF(__NR_link),
    TRACE_IF(__NR_symlink),
    TRACE_IF(__NR_chmod),
#endif
    TRACE_IF(__NR_mkdirat),
    TRACE_IF(__NR_unlinkat),
#ifdef __NR_renameat
    TRACE_IF(__NR_renameat),
#endif
    TRACE_IF(__NR_renameat2),
    TRACE_IF(__NR_linkat),
    TRACE_IF(__NR_symlinkat),
    TRACE_IF(__NR_fchmod),
    TRACE_IF(__NR_fchmodat),
#ifdef __NR_fchmodat2
    TRACE_IF(__NR_fchmodat2),
#else
    TRACE_IF(452),
#endif
    TRACE_IF(__NR_connect),
    TRACE_IF(__NR_bind),
    TRACE_IF(__NR_listen),
#ifdef __NR_accept
    TRACE_IF(__NR_accept),
#endif
    TRACE_IF(__NR_accept4),
    TRACE_IF(__NR_ptrace),
    TRACE_IF(__NR_memfd_create),
    TRACE_IF(__NR_setuid),
    TRACE_IF(__NR_setgid),
    TRACE_IF(__NR_setreuid),
    TRACE_IF(__NR_setregid),
    TRACE_IF(__NR_setresuid),
    TRACE_IF(__NR_setresgid),
    TRACE_IF(__NR_setns),
    TRACE_IF(__NR_unshare),
    TRACE_IF(__NR_init_module),
    TRACE_IF(__NR_finit_module),
    TRACE_IF(__NR_mount),
    RET(SECCOMP_RET_ALLOW),
};

// Tasks resumed toward their syscall-exit-stop: every stop in between resumes with PTRACE_SYSCALL too, or that stop is
// lost (docs/tracer.md §3.5). Indexed by tid (at most PID_MAX_LIMIT, 4M, on 64-bit); untouched pages cost nothing.
static unsigned char exit_pending[1 << 22];

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s app [args...]\n", argv[0]);
        return 2;
    }

    int go[2];
    if (pipe2(go, O_CLOEXEC) != 0)
        return 2;
    pid_t app = fork();
    if (app < 0)
        return 2;
    if (app == 0) {
        // The child side of the spawn: wait until seized, install the filter on this (seized) thread, exec the app.
        char c;
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(2);
        struct sock_fprog prog = { .len = sizeof program / sizeof program[0], .filter = program };
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
            _exit(2);
        execvp(argv[1], argv + 1);
        _exit(127);
    }

    close(go[0]);
    long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE
        | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL;
    if (ptrace(PTRACE_SEIZE, app, 0, options) != 0) {
        perror("ptrace_floor: PTRACE_SEIZE");
        return 2;
    }
    if (write(go[1], "T", 1) != 1)
        return 2;
    close(go[1]);

    // PTRACE_FLOOR_STOPS=1 prints the stops taken, by kind, when the app exits (to check the floor against farquery).
    long stops[5] = { 0 }; // event stops, seccomp-stops, signal-delivery-stops, group-stops, syscall-exit-stops
    int report = getenv("PTRACE_FLOOR_STOPS") != NULL;
    for (;;) {
        int status;
        pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0) {
            if (errno == EINTR)
                continue;
            return 255;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            exit_pending[tid & ((1 << 22) - 1)] = 0;
            if (tid != app)
                continue;
            if (report)
                fprintf(stderr, "ptrace_floor: %ld event stops, %ld seccomp-stops, %ld signal-delivery-stops, %ld group-stops, "
                    "%ld syscall-exit-stops\n", stops[0], stops[1], stops[2], stops[3], stops[4]);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (!WIFSTOPPED(status))
            continue;
        int sig = WSTOPSIG(status), event = (unsigned)status >> 16;
        unsigned char *pending = &exit_pending[tid & ((1 << 22) - 1)];
        if (event == PTRACE_EVENT_STOP && (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)) {
            ptrace(PTRACE_LISTEN, tid, 0, 0); // a group-stop: stay stopped, as farquery does
            stops[3]++;
            continue;
        }
        if (event == 0 && sig == (SIGTRAP | 0x80)) {
            // The syscall-exit-stop farquery reads the result at.
            *pending = 0;
            stops[4]++;
            ptrace(PTRACE_CONT, tid, 0, 0);
            continue;
        }
        if (event == PTRACE_EVENT_SECCOMP) {
            unsigned long data = 0;
            ptrace(PTRACE_GETEVENTMSG, tid, 0, &data);
            *pending = data != NO_EXIT_STOP;
            stops[1]++;
            ptrace(*pending ? PTRACE_SYSCALL : PTRACE_CONT, tid, 0, 0);
            continue;
        }
        if (event == PTRACE_EVENT_EXEC)
            *pending = 0;
        // Signal-delivery-stops deliver their signal; every other event stop (fork, exec, a new task's first stop)
        // resumes with none.
        int deliver = event == 0;
        stops[deliver ? 2 : 0]++;
        ptrace(*pending ? PTRACE_SYSCALL : PTRACE_CONT, tid, 0, deliver ? sig : 0);
    }
}
