// SPDX-License-Identifier: Apache-2.0
//
// How `farquery run` starts the app, in C, linked into the NativeAOT binary (FarQuery.Cli.csproj, CompileExecStub):
// farquery_spawn below (the default, --tracer_spawn=direct), and the exec stub (--tracer_spawn=stub, and the fallback;
// docs/tracer.md §3.8).
//
// The stub: `farquery run` posix_spawns /proc/self/exe __farquery-exec <fd> -- app args..., seizes the child with ptrace, then
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
#include <sys/wait.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
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
// The tracer thread calls this; it must be the tracer, because the ptrace requests that follow are only answered from
// the thread that seized. clone(CLONE_VM | SIGCHLD) runs the child on our memory, with our thread pointer (so our errno),
// on a stack of its own. There is no CLONE_VFORK: the child must be seized before it installs the filter and execs, and
// a vfork parent is suspended until the exec. So the two run side by side, and take turns through a futex word and a
// pipe, so that they never depend on errno at the same time:
//
//   parent: blocks every signal (the child inherits the mask: no handler of the runtime can run in it), clones;
//   child:  waits for the word;
//   parent: PTRACE_SEIZE with the tracer's options (on failure: SIGKILL and reap the child; no tracee is left behind and
//           the caller falls back to the exec stub), sets the word, then blocks in read on the pipe;
//   child:  every disposition back to SIG_DFL (the runtime's handlers, and its ignored SIGPIPE, which exec would keep);
//           its own process group and the terminal; the filter, as the stub installs it; execvpe, with every signal
//           still blocked; the exec closes the pipe (O_CLOEXEC), or a failure writes its errno there and exits 127/126;
//   parent: reads EOF or the errno (waiting in waitid first, to drop a SIGSTOP that came before the exec), unblocks its
//           signals, and returns.
//
// The mask stays full through the exec because nothing could answer a signal-delivery-stop before it: the tracer thread
// is here, waiting for the exec. The app's first stop is the PTRACE_EVENT_EXEC of its exec, where the tracer empties the
// mask with PTRACE_SETSIGMASK before its first instruction (PtraceLoop.OnExec); a signal sent meanwhile stays pending
// and is delivered then. For the same reason the caller must not use this when execve stops at its entry (a deny
// playbook): that stop would wait for this thread, which waits for the exec.

// What the child reports back, written into our memory before it execs, or through the pipe when it cannot.
struct farquery_spawn_result {
    int32_t failed_step;   // when no child is left: 1 mmap, 2 pipe2, 3 clone, 4 PTRACE_SEIZE
    int32_t filter_errno;  // the filter was refused: the app runs traced, without syscall events
    int32_t exec_errno;    // the exec failed: the child has exited 127 or 126, and the tracer reaps it
};

struct spawn_args {
    char *const *argv;
    char *const *envp;
    const struct sock_filter *filter;
    uint16_t count;
    int status_fd;
    uint32_t go;
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
    while (__atomic_load_n(&a->go, __ATOMIC_ACQUIRE) == 0)
        syscall(SYS_futex, &a->go, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);

    struct kernel_sigaction dfl = { .handler = SIG_DFL };
    for (int sig = 1; sig <= KERNEL_NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP)
            syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
    }

    // SIGTTOU is blocked already (every signal is), so tcsetpgrp needs no mask of its own here.
    pid_t previous = getpgrp();
    if (setpgid(0, 0) == 0 && isatty(0) == 1 && tcgetpgrp(0) == previous)
        tcsetpgrp(0, getpid());

    if (a->count > 0) {
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

    execvpe(a->argv[0], a->argv, a->envp);
    int e = errno != 0 ? errno : ENOEXEC;
    say("farquery: cannot run '", a->argv[0], "': ", errno_name(e));
    int32_t report = e;
    if (write(a->status_fd, &report, sizeof report) < 0)
        _exit(126);
    _exit(e == ENOENT ? 127 : 126);
}

// Returns the child's pid, seized with `options` and past its exec or exited (result->exec_errno), or -errno with
// result->failed_step when no child is left. argv and envp end with NULL; filter may be NULL (count 0) for no filter.
__attribute__((visibility("default"))) int farquery_spawn(char *const *argv, char *const *envp, const struct sock_filter *filter,
    uint16_t count, int options, struct farquery_spawn_result *result)
{
    if (argv == NULL || argv[0] == NULL || result == NULL || count > MAX_INSNS)
        return -EINVAL;
    memset(result, 0, sizeof *result);

    // Room for what execvpe puts on the stack: the PATH candidate being tried, and the argv copy of its /bin/sh
    // fallback for a script without #!, as glibc sizes its posix_spawn stack.
    size_t argc = 0;
    while (argv[argc] != NULL)
        argc++;
    long page = sysconf(_SC_PAGESIZE);
    size_t size = ((argc + 4) * sizeof(char *) + 64 * 1024 + (size_t)page - 1) & ~((size_t)page - 1);
    void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        result->failed_step = 1;
        return -errno;
    }

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        int e = errno;
        munmap(stack, size);
        result->failed_step = 2;
        return -e;
    }

    struct spawn_args args = { argv, envp, filter, count, fds[1], 0, result };
    uint64_t saved = 0;
    sigmask_set(~UINT64_C(0), &saved);
    pid_t child = clone(spawn_child, (char *)stack + size, CLONE_VM | SIGCHLD, &args);
    int e = errno;
    close(fds[1]);
    if (child < 0) {
        sigmask_set(saved, NULL);
        close(fds[0]);
        munmap(stack, size);
        result->failed_step = 3;
        return -e;
    }

    // The child waits on the word and touches nothing else until then, so errno here is ours.
    if (ptrace(PTRACE_SEIZE, child, 0, (void *)(intptr_t)options) != 0) {
        e = errno;
        kill(child, SIGKILL);
        while (waitpid(child, NULL, __WALL) < 0 && errno == EINTR) {
        }
        sigmask_set(saved, NULL);
        close(fds[0]);
        munmap(stack, size);
        result->failed_step = 4;
        return -e;
    }

    __atomic_store_n(&args.go, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &args.go, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);

    // From here the child may set errno at any time: only return values count. The child's next state change is its
    // exec event, or its exit after a failed exec; either comes after the pipe's end-of-file or report, and stays for
    // the tracer's loop (WNOWAIT). A SIGSTOP is the one signal the child's mask cannot hold, and its signal-delivery-stop
    // would wait for this thread: it is dropped (the app does not exist yet). Anything else ends in the blocking read.
    for (;;) {
        siginfo_t info = { 0 };
        struct pollfd ready = { .fd = fds[0], .events = POLLIN };
        if (waitid(P_PID, (id_t)child, &info, WEXITED | WSTOPPED | WNOWAIT | __WALL) != 0 || poll(&ready, 1, 0) != 0
            || info.si_code != CLD_TRAPPED || info.si_status != SIGSTOP)
            break;
        int status = 0;
        if (waitpid(child, &status, __WALL) != child || !WIFSTOPPED(status) || status >> 8 != SIGSTOP
            || ptrace(PTRACE_CONT, child, 0, 0) != 0)
            break;
    }

    // No signal can interrupt the read (all are blocked), so a negative return is retried only as a precaution.
    int32_t report = 0;
    ssize_t n;
    while ((n = read(fds[0], &report, sizeof report)) < 0) {
    }
    close(fds[0]);
    sigmask_set(saved, NULL);
    if (n == (ssize_t)sizeof report) {
        // The child is between its write and _exit, still on the stack: leave it mapped (a failed start ends farquery).
        result->exec_errno = report != 0 ? report : ENOEXEC;
        return child;
    }

    munmap(stack, size);
    return child;
}
