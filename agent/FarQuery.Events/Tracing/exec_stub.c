// SPDX-License-Identifier: Apache-2.0
//
// How `farquery run` starts the app, in C, linked into the NativeAOT binary (FarQuery.Cli.csproj, CompileExecStub):
// the exec stub (the default), and farquery_spawn below (FARQUERY_DIRECT_SPAWN=1; docs/tracer.md §3.8).
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
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
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

// The kernel's struct sigaction for rt_sigaction (the same layout on x86_64 and arm64); glibc's sigaction refuses the
// two signals it keeps for itself, which both children must reset.
struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

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

    // posix_spawn already reset every signal to its default and emptied the mask (PtraceLoop.SpawnStub), except
    // glibc's two internal signals, which its child sets to SIG_IGN: put them back too, or the app inherits them ignored.
    struct kernel_sigaction dfl = { .handler = SIG_DFL };
    for (int sig = 32; sig <= 33; sig++)
        syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
    execvp(argv[4], argv + 4);
    int e = errno;
    say("farquery: cannot run '", argv[4], "': ", errno_name(e));
    _exit(e == ENOENT ? 127 : 126);
}

// ---------------------------------------------------------------------------------------------------------------------
// farquery_spawn: the app started without a second exec of the 19 MB image (docs/tracer.md §3.8, "The spawn").
//
// The tracer thread calls this; it must be the tracer, because PTRACE_TRACEME makes the calling thread (the child's
// parent) its tracer. clone(CLONE_VM | CLONE_VFORK) runs the child on our memory, with our thread pointer (so our errno),
// on a stack of its own, while this thread is suspended until the child execs or exits: the child uses only system
// calls and libc functions that neither allocate nor lock, as glibc's own posix_spawn child does. Every signal is
// blocked across the clone, so no handler of the runtime can run in the child.
//
// In the child, in this order: every disposition back to SIG_DFL (the runtime's handlers, and its ignored SIGPIPE,
// which exec would keep); its own process group and the terminal; PTRACE_TRACEME; the seccomp filter only when traced
// (a filter without a tracer makes every traced syscall fail with ENOSYS, docs/tracer.md §3.6; ptrace is in the
// filter, so TRACEME goes first); the mask; execvpe. Traced, the mask keeps every signal but SIGTRAP blocked through the
// exec: a signal delivered before the exec would stop the child for a tracer that is suspended in this clone until the
// exec, and never come back. The exec then raises SIGTRAP (no options are set before TRACEME), the tracer's first stop
// of the app, where it sets its options and empties the mask with PTRACE_SETSIGMASK (PtraceLoop.OnFirstStop). Untraced
// (TRACEME refused: no CAP_SYS_PTRACE, or already traced, as under strace), the mask is emptied before the exec.

// What the child reports back, written into our memory before it execs or exits: the errno of each step, 0 if it worked.
struct farquery_spawn_result {
    int32_t traceme_errno;
    int32_t filter_errno;
    int32_t exec_errno;
};

struct spawn_args {
    char *const *argv;
    char *const *envp;
    const struct sock_filter *filter;
    uint16_t count;
    struct farquery_spawn_result *result;
};

#define KERNEL_NSIG 64

static int sigmask_set(uint64_t mask, uint64_t *saved)
{
    return (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, saved, sizeof mask);
}

static int spawn_child(void *opaque)
{
    struct spawn_args *a = opaque;
    struct kernel_sigaction dfl = { .handler = SIG_DFL };
    for (int sig = 1; sig <= KERNEL_NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP)
            syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
    }

    // SIGTTOU is blocked already (every signal is), so tcsetpgrp needs no mask of its own here.
    pid_t previous = getpgrp();
    if (setpgid(0, 0) == 0 && isatty(0) == 1 && tcgetpgrp(0) == previous)
        tcsetpgrp(0, getpid());

    int traced = ptrace(PTRACE_TRACEME, 0, 0, 0) == 0;
    a->result->traceme_errno = traced ? 0 : (errno != 0 ? errno : EPERM);
    if (traced && a->count > 0) {
        struct sock_fprog program = { .len = a->count, .filter = (struct sock_filter *)a->filter };
        int rc = set_filter(&program);
        if (rc != 0 && errno == EACCES) {
            prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            rc = set_filter(&program);
        }
        if (rc != 0) {
            a->result->filter_errno = errno != 0 ? errno : EINVAL;
            say("farquery: warning: seccomp filter refused (", errno_name(errno), "); processes are traced but file and socket events are off", NULL);
        }
    }

    sigmask_set(traced ? ~(UINT64_C(1) << (SIGTRAP - 1)) : 0, NULL);
    execvpe(a->argv[0], a->argv, a->envp);
    int e = errno;
    a->result->exec_errno = e != 0 ? e : ENOEXEC;
    say("farquery: cannot run '", a->argv[0], "': ", errno_name(e));
    _exit(e == ENOENT ? 127 : 126);
}

// Returns the child's pid (its result in *result), or -errno when no child was made. argv and envp end with NULL;
// filter may be NULL (count 0) for no filter.
__attribute__((visibility("default"))) int farquery_spawn(char *const *argv, char *const *envp, const struct sock_filter *filter,
    uint16_t count, struct farquery_spawn_result *result)
{
    if (argv == NULL || argv[0] == NULL || result == NULL || count > MAX_INSNS)
        return -EINVAL;

    // Room for what execvpe puts on the stack: the PATH candidate being tried, and the argv copy of its /bin/sh
    // fallback for a script without #!, as glibc sizes its posix_spawn stack.
    size_t argc = 0;
    while (argv[argc] != NULL)
        argc++;
    long page = sysconf(_SC_PAGESIZE);
    size_t size = ((argc + 4) * sizeof(char *) + 64 * 1024 + (size_t)page - 1) & ~((size_t)page - 1);
    void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -errno;

    memset(result, 0, sizeof *result);
    struct spawn_args args = { argv, envp, filter, count, result };
    uint64_t saved = 0;
    sigmask_set(~UINT64_C(0), &saved);
    pid_t child = clone(spawn_child, (char *)stack + size, CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
    int e = errno;
    sigmask_set(saved, NULL);
    munmap(stack, size);
    return child > 0 ? child : -e;
}
