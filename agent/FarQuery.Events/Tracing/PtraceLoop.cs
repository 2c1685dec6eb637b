// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The tracer proper: spawns the stub, seizes it, and runs the waitpid loop. Every method runs on the one tracer
/// thread. This file holds the process lifecycle (spawn, stops, fork/exec/exit); PtraceLoop.Syscalls.cs decodes the
/// seccomp-stops. Decoded events go to <paramref name="publisher"/>'s subscribers (docs/events.md).</summary>
internal sealed partial class PtraceLoop(TracerOptions options, IReadOnlyList<string> argv, EventPublisher<TraceEvent> publisher)
{
    // Options for PTRACE_SEIZE: follow every descendant, see execs and seccomp-stops, tell syscall-exit-stops
    // apart (SIGTRAP|0x80), and have the kernel SIGKILL the tracees if we die, rather than leave them running with a filter
    // whose traced syscalls would all fail with ENOSYS (docs/tracer.md §3.6).
    private const int Options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE
        | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL;

    private readonly TracedTasks tasks = new();

    // Processes that passed a signal-delivery-stop for SIGSYS: a SIGSYS death after one is a sent or trapped signal,
    // not a seccomp kill, which the kernel delivers without that stop (docs/events.md, "Seccomp kills").
    private readonly HashSet<int> sigsysDelivered = [];
    private readonly Queue<TraceEvent> outbox = new();

    // Exit events not yet shown to the AtStop subscriber: no process is stopped at an exit, so its view waits until the
    // tracer is idle or another process event needs the view (docs/tracer.md §6, "The floor").
    private readonly Queue<ProcessEvent> exitsForAtStop = new();
    private readonly WaitSpin spin = new(options.SpinMicroseconds);

    // Events held back while stops keep coming, at most: a busy app's rows still reach the tables promptly.
    private const int MaxDeferred = 64;
    private long stops;

    /// <summary>The app's pid.</summary>
    public int AppPid { get; private set; }

    /// <summary>Whether the app is traced.</summary>
    public bool Traced { get; private set; }

    /// <summary>Why not, when it is not.</summary>
    public string? Warning { get; private set; }

    /// <summary>Stops handled so far.</summary>
    public long Stops => Interlocked.Read(ref stops);

    // Set by SpawnDirect until the app's exec event: the child execs with every signal blocked, and the mask is emptied
    // there, before its first instruction (exec_stub.c says why).
    private bool appMaskPending;

    /// <summary>Starts the app: in the NativeAOT binary, by default, as a child of this thread seized before it execs
    /// the app (<see cref="SpawnDirect"/>); otherwise, and when that fails, through the exec stub.</summary>
    public void Spawn()
    {
        // A deny playbook stops execve at its entry, and the app's own exec would stop while this thread still waits
        // for it inside farquery_spawn: only the stub path can answer that stop.
        if (options.DirectSpawn && !options.TraceExecEntry && SpawnDirect())
        {
            return;
        }

        SpawnThroughStub();
    }

    /// <summary>exec_stub.c's farquery_spawn: clone(CLONE_VM) from this thread, PTRACE_SEIZE with <see cref="Options"/>,
    /// then the child's filter and the app's exec, with no exec of farquery in between (docs/tracer.md §3.8). True once
    /// the app has exec'd (it then waits in its exec event) or failed to (its exit code comes from the wait loop); false,
    /// with no child left, when the stub must start it instead.</summary>
    private unsafe bool SpawnDirect()
    {
        var program = SeccompProgram.Build(options.TraceReadOpens, options.TraceExecEntry);
        var args = NativeStrings(argv);
        farquery_spawn_result result = default;
        int child;
        try
        {
            fixed (sock_filter* filter = program)
            {
                child = farquery_spawn(args, environ, filter, (ushort)program.Length, Options, &result);
            }
        }
        catch (EntryPointNotFoundException)
        {
            // Not the NativeAOT binary (Interop.Spawn.cs): a JIT host has only the stub.
            return false;
        }
        finally
        {
            NativeMemory.Free(args);
        }

        if (child < 0)
        {
            // EPERM at PTRACE_SEIZE (no CAP_SYS_PTRACE, or traced already, as under strace) is said by the stub path's
            // own warning, which follows; the rest is rare enough to say here.
            var step = result.failed_step switch { 1 => "mmap", 2 => "pipe2", 3 => "clone", 4 => "PTRACE_SEIZE", _ => "farquery_spawn" };
            if (!(result.failed_step == 4 && (Interop.Errno)(-child) == Interop.Errno.EPERM))
            {
                Warn($"the direct spawn failed at {step} ({(Interop.Errno)(-child)}): starting the app through the exec stub");
            }

            return false;
        }

        AppPid = child;
        Traced = true;
        appMaskPending = true;
        tasks.AddApp(child);
        return true;
    }

    private void Refused(Interop.Errno errno)
    {
        Warning = $"ptrace refused ({errno}): running the app untraced; process, socket and file events are off. "
            + "Add SYS_PTRACE to the task definition (linuxParameters.capabilities.add).";
        Warn(Warning);
    }

    /// <summary>posix_spawns the exec stub, seizes it, and tells it whether to install the filter.</summary>
    private unsafe void SpawnThroughStub()
    {
        var fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
        {
            throw new IOException("pipe2 failed: " + Interop.LastErrno);
        }

        // The stub inherits only a dup of the read end (dup drops FD_CLOEXEC); our copies stay close-on-exec.
        var childEnd = dup(fds[0]);
        close(fds[0]);
        var writeEnd = fds[1];
        int child;
        try
        {
            child = SpawnStub(childEnd);
        }
        catch
        {
            close(writeEnd);
            throw;
        }
        finally
        {
            close(childEnd);
        }

        AppPid = child;
        byte[] message;
        if (ptrace(PTRACE_SEIZE, child, 0, Options) == 0)
        {
            Traced = true;
            message = ExecStub.Message(SeccompProgram.Build(options.TraceReadOpens, options.TraceExecEntry));
            tasks.AddApp(child);
        }
        else
        {
            Refused(Interop.LastErrno);
            message = ExecStub.Message(null);
        }

        // At most 3 + 8 × 4096 bytes: more than a pipe holds at once when the program is huge, so it is written in a loop
        // while the stub reads. A stub that died meanwhile shows up in the wait loop.
        Descriptor.WriteFull(writeEnd, message);
        close(writeEnd);
    }

    private unsafe int SpawnStub(int controlFd)
    {
        var args = NativeStrings(ExecStub.Arguments(options.StubExecutable, controlFd, argv));
        var attr = stackalloc byte[PosixSpawnattrSize];
        var mask = stackalloc byte[SigsetSize];
        try
        {
            // The stub starts with no signal blocked and every signal at its default action: the runtime's ignored
            // SIGPIPE would otherwise survive into the app (exec keeps ignored dispositions).
            posix_spawnattr_init(attr);
            sigemptyset(mask);
            posix_spawnattr_setsigmask(attr, mask);
            var defaults = stackalloc byte[SigsetSize];
            sigfillset(defaults);
            posix_spawnattr_setsigdefault(attr, defaults);
            posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            int child;
            var rc = posix_spawn(&child, args[0], null, attr, args, environ);
            posix_spawnattr_destroy(attr);
            if (rc != 0)
            {
                throw new IOException($"posix_spawn of {options.StubExecutable} failed: {(Interop.Errno)rc}");
            }

            return child;
        }
        finally
        {
            NativeMemory.Free(args);
        }
    }

    /// <summary>A NULL-terminated char*[] and its UTF-8 strings in one native block (freed with NativeMemory.Free), so
    /// the spawned child reads nothing the GC may move.</summary>
    private static unsafe byte** NativeStrings(IReadOnlyList<string> strings)
    {
        var pointers = (strings.Count + 1) * sizeof(nint);
        var total = pointers;
        foreach (var s in strings)
        {
            total += Encoding.UTF8.GetByteCount(s) + 1;
        }

        var block = (byte*)NativeMemory.Alloc((nuint)total);
        var table = (byte**)block;
        var at = block + pointers;
        for (var i = 0; i < strings.Count; i++)
        {
            table[i] = at;
            var n = Encoding.UTF8.GetBytes(strings[i], new Span<byte>(at, (int)(block + total - at)));
            at[n] = 0;
            at += n + 1;
        }

        table[strings.Count] = null;
        return table;
    }

    /// <summary>Waits for every child and tracee until the app exits; returns its exit code (128+N for signal N).</summary>
    public unsafe int Run()
    {
        var status = 0;
        while (true)
        {
            // A stop already pending (a new child's first stop right behind its parent's fork event, a burst of a
            // multi-threaded app) is handled before the events of the last one go to the subscribers: they wait, the
            // app does not (docs/tracer.md §6, "Fewer system calls per exec").
            var tid = outbox.Count is > 0 and < MaxDeferred ? waitpid(-1, &status, __WALL | WNOHANG) : 0;
            if (tid == 0)
            {
                Flush();
                tid = spin.Wait(&status);
            }

            if (tid < 0)
            {
                var errno = Interop.LastErrno;
                if (errno == Interop.Errno.EINTR)
                {
                    continue;
                }

                // ECHILD with the app never reported: someone else reaped it (should not happen); report failure.
                Flush();
                return 255;
            }

            if (WIFEXITED(status) || WIFSIGNALED(status))
            {
                OnExit(tid, status);
                if (tid == AppPid)
                {
                    Flush();
                    KillRemaining();
                    ReapRemaining();
                    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                }

                continue;
            }

            if (!WIFSTOPPED(status))
            {
                continue;
            }

            Interlocked.Increment(ref stops);
            var sig = WSTOPSIG(status);
            var ev = (status >> 16) & 0xff;
            var t = tasks.Stopped(tid, ProcFacts.ThreadGroupOf, static pid => ProcFacts.Read(pid));
            if (!t.Announced && ev == PTRACE_EVENT_STOP && sig == SIGTRAP)
            {
                // A new task's first stop came before its parent's fork event (the parent was preempted between creating
                // it and stopping). Resumed now, it could exec and exit before the fork row exists; held here, its rows
                // come in the order they happened. The fork event, or the parent's death, resumes it.
                tasks.Hold(t);
                continue;
            }

            var resumeSignal = 0;
            try
            {
                resumeSignal = Handle(t, sig, ev);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A decoding bug must cost one event, never leave the app stopped: count it and resume below.
                publisher.CountDropped();
                t.ExitPending = false;
                t.Call = null;
            }

            if (resumeSignal >= 0)
            {
                Resume(t, resumeSignal);
            }
        }
    }

    /// <summary>Handles one stop; returns the signal to resume with, or -1 when the tracee must stay stopped.</summary>
    private int Handle(Tracee t, int sig, int ev)
    {
        switch (ev)
        {
            case 0 when sig == (SIGTRAP | 0x80):
                OnSyscallExit(t);
                return 0;
            case PTRACE_EVENT_SECCOMP:
                OnSeccomp(t);
                return 0;
            case PTRACE_EVENT_FORK or PTRACE_EVENT_VFORK or PTRACE_EVENT_CLONE:
                OnFork(t, ev);
                return 0;
            case PTRACE_EVENT_EXEC:
                OnExec(t);
                return 0;
            case PTRACE_EVENT_STOP when sig is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU:
                // A group-stop of a seized tracee: stay stopped (job control works) but keep reporting.
                ptrace(PTRACE_LISTEN, t.Tid, 0, 0);
                return -1;
            case 0:
                // Signal-delivery-stop: deliver the signal the tracee was sent (SIGTERM we forwarded, SIGCHLD, ...).
                if (sig == SIGSYS)
                {
                    sigsysDelivered.Add(t.Tgid);
                }

                return sig;
            default:
                // The first stop of an auto-attached new task, a PTRACE_INTERRUPT, or an event we did not ask for.
                return 0;
        }
    }

    private void Resume(Tracee t, int sig)
    {
        // While a syscall-exit-stop is wanted, every intervening stop must also resume with PTRACE_SYSCALL, or the exit
        // stop is lost (docs/tracer.md §3.5).
        ptrace(t.ExitPending ? PTRACE_SYSCALL : PTRACE_CONT, t.Tid, 0, sig);
    }

    private unsafe void OnFork(Tracee parent, int ev)
    {
        ulong msg = 0;
        ptrace(PTRACE_GETEVENTMSG, parent.Tid, 0, (nint)(&msg));
        var child = (int)msg;
        if (child <= 0)
        {
            return;
        }

        var facts = tasks.Forked(parent.Tgid, child, ev == PTRACE_EVENT_CLONE, Facts(parent.Tgid), ProcFacts.ThreadGroupOf);
        if (facts is null)
        {
            Release(child);
            return;
        }

        // A child held at its first stop runs on only after the AtStop subscriber has seen its fork (Emit below).
        Emit(new ProcessEvent
        {
            Syscall = ev switch { PTRACE_EVENT_FORK => "fork", PTRACE_EVENT_VFORK => "vfork", _ => "clone" },
            Pid = child,
            Tid = parent.Tid,
            Parent = parent.Tgid,
            Path = facts.Exe,
            Cmdline = facts.Cmdline,
            Cwd = ProcFacts.Cwd(child),
            Name = facts.Name,
            Ids = facts.Ids,
            Auid = facts.Auid,
            Time = Now(),
            Uptime = Uptime(),
        });
        Release(child);
    }

    private void Release(int child)
    {
        if (tasks.Release(child) is { } held)
        {
            Resume(held, 0);
        }
    }

    private unsafe void OnExec(Tracee t)
    {
        if (appMaskPending)
        {
            // The app's exec after SpawnDirect (no other process exists before it): the mask it starts with is empty, as
            // the stub gives it (docs/tracer.md §3.7); signals sent meanwhile were held pending, and arrive now.
            appMaskPending = false;
            ulong empty = 0;
            ptrace(PTRACE_SETSIGMASK, t.Tid, sizeof(ulong), (nint)(&empty));
        }

        // GETEVENTMSG gives the former tid: a non-leader thread that execs takes over the leader's tid.
        ulong msg = 0;
        ptrace(PTRACE_GETEVENTMSG, t.Tid, 0, (nint)(&msg));
        OnExec(t, (int)msg);
    }

    private void OnExec(Tracee t, int former)
    {
        var call = tasks.Execed(t, former).Call;
        t.Call = null;
        t.ExitPending = false;
        var exec = call?.Exec;
        string? execPath, env = null;
        long? argvSize, envCount = null, envSize = null;
        var mode = -1;
        ProcFacts facts;
        if (exec is not null)
        {
            // execveat: its seccomp-stop read argv, the path as passed and the environment from the caller's memory.
            facts = ProcFacts.Read(t.Tid, exec.Argv is { } a ? string.Join(' ', a) : null);
            mode = ProcFs.Mode(t.Tid, "exe"u8);
            (execPath, argvSize) = (exec.Path, exec.ArgvSize);
            if (exec.Env is { } e)
            {
                (env, envCount, envSize) = (string.Join(' ', e), e.Count, exec.EnvSize);
            }
        }
        else
        {
            // execve does not stop at its entry (one stop less per exec): the new image, stopped before its first
            // instruction, still holds argv and the environment exactly as passed, and AT_EXECFN points at the path as
            // passed (the kernel copies all three onto the new stack).
            // One read of the new stack gives argv, AT_EXECFN and the name; /proc when that fails (docs/tracer.md §6).
            string? cmdline, name = null;
            if (NewStack(t.Tid, call) is { } stack)
            {
                (cmdline, argvSize, execPath, name) = (stack.Cmdline, stack.Size, stack.ExecFn, stack.Comm);
            }
            else
            {
                cmdline = ProcFs.ReadList(t.Tid, "cmdline"u8, ProcFacts.MaxCmdline, out var argc, out var bytes);
                argvSize = cmdline is null ? null : bytes - argc;
                execPath = ExecFn(t.Tid);
            }

            var before = tasks.TryGetProcess(t.Tid, out var known) ? known : null;
            facts = ProcFacts.AfterExec(t.Tid, before, before is not null && tasks.TryGetProcess((int)before.Parent, out _), cmdline, name, out mode);
            if (options.CaptureEnvironment && ProcFs.ReadList(t.Tid, ProcFs.UnwatchedEnviron(t.Tid), ProcFacts.MaxCmdline, out var envc, out var envBytes) is { } text)
            {
                (env, envCount, envSize) = (text, envc, envBytes - envc);
            }
        }

        tasks.SetProcess(t.Tid, facts);
        if (t.Tid == AppPid && exec is null && facts.Cmdline?.Contains(" " + ExecStub.Verb + " ", StringComparison.Ordinal) == true)
        {
            // posix_spawn returns once the stub's exec has released the parent's memory, which is just before the kernel
            // reports PTRACE_EVENT_EXEC: the seize can win that race and see the stub's own exec. It is not the app's.
            return;
        }

        Emit(new ProcessEvent
        {
            Syscall = call is not null && call.Nr == Interop.Syscalls.execveat ? "execveat" : "execve",
            Pid = t.Tid,
            Tid = former,
            Parent = facts.Parent,
            Path = facts.Exe,
            ExecPath = execPath,
            Cmdline = facts.Cmdline,
            CmdlineSize = argvSize,
            Env = env,
            EnvCount = envCount,
            EnvSize = envSize,
            Cwd = ProcFacts.Cwd(t.Tid),
            Name = facts.Name,
            Ids = facts.Ids,
            Auid = facts.Auid,
            Mode = mode < 0 ? null : ModeText(mode),
            Time = Now(),
            Uptime = Uptime(),
        });
    }

    private void OnExit(int tid, int status)
    {
        var isProcess = tasks.Reaped(tid, out var facts);
        var sigsysSeen = isProcess && sigsysDelivered.Remove(tid);
        foreach (var orphan in tasks.ReleaseChildrenOf(tid))
        {
            // Its parent died before reporting the fork: nothing else will resume it.
            Resume(orphan, 0);
        }

        if (!isProcess)
        {
            // Untraced children (orphans when ptrace is refused) and threads produce no row; the wait itself reaped them.
            return;
        }

        Emit(new ProcessEvent
        {
            Syscall = "exit",
            Pid = tid,
            Tid = tid,
            Parent = facts?.Parent ?? -1,
            Path = facts?.Exe,
            Cmdline = facts?.Cmdline,
            Name = facts?.Name,
            Ids = facts?.Ids ?? ProcessIds.Unknown,
            Auid = facts?.Auid,
            ExitCode = WIFEXITED(status) ? WEXITSTATUS(status) : null,
            Signal = WIFSIGNALED(status) ? WTERMSIG(status) : null,
            SeccompKill = WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS && !sigsysSeen,
            Time = Now(),
            Uptime = Uptime(),
        });
    }

    /// <summary>The strings of a process stopped at its exec event, from its new stack (its stack pointer from
    /// PTRACE_GET_SYSCALL_INFO, which reports it at any stop); null on a kernel without that request, after an execveat
    /// (whose name the kernel may take from the file rather than the path), or when the stack is not as expected.</summary>
    private unsafe ExecStack.Strings? NewStack(int tid, PendingCall? call)
    {
        if (useRegisters || (call is not null && call.Nr != Interop.Syscalls.execve))
        {
            return null;
        }

        ptrace_syscall_info info = default;
        return ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(ptrace_syscall_info), (nint)(&info)) > 0 && info.stack_pointer != 0
            ? ExecStack.Read(tid, info.stack_pointer, ProcFacts.MaxCmdline)
            : null;
    }

    /// <summary>The path given to execve, from the AT_EXECFN entry of the new image's auxiliary vector; null when unreadable.</summary>
    private static string? ExecFn(int pid)
    {
        Span<byte> auxv = stackalloc byte[1024];
        var n = ProcFs.Read(pid, "auxv"u8, auxv, out _);
        for (var i = 0; i + 16 <= n; i += 16)
        {
            var type = BitConverter.ToUInt64(auxv[i..]);
            if (type == ExecStack.AT_NULL)
            {
                break;
            }

            if (type == ExecStack.AT_EXECFN)
            {
                return TraceeMemory.ReadString(pid, BitConverter.ToUInt64(auxv[(i + 8)..]));
            }
        }

        return null;
    }

    /// <summary>After the app exits, its remaining descendants die as they would when a container's PID 1 exits; done
    /// explicitly so that an in-process host that keeps running does not leave them stopped forever.</summary>
    private void KillRemaining()
    {
        foreach (var tid in tasks.Tids)
        {
            kill(tid, SIGKILL);
        }
    }

    /// <summary>Reaps what <see cref="KillRemaining"/> killed, so each gets its exit row (signal 9) rather than vanishing
    /// from process_events. Bounded: a task stuck in an uninterruptible sleep must not hold up the agent's exit.</summary>
    private unsafe void ReapRemaining()
    {
        var deadline = Environment.TickCount64 + 1000;
        var status = 0;
        while (tasks.Tids.Any() && Environment.TickCount64 < deadline)
        {
            var tid = waitpid(-1, &status, __WALL | WNOHANG);
            if (tid > 0)
            {
                if (WIFEXITED(status) || WIFSIGNALED(status))
                {
                    OnExit(tid, status);
                }

                continue;
            }

            if (tid == 0)
            {
                Thread.Sleep(1);
            }
            else if (Interop.LastErrno != Interop.Errno.EINTR)
            {
                break;
            }
        }

        Flush();
    }

    private ProcFacts Facts(int tgid)
    {
        if (!tasks.TryGetProcess(tgid, out var facts))
        {
            facts = ProcFacts.Read(tgid);
            tasks.SetProcess(tgid, facts);
        }

        return facts;
    }

    // Process and socket events go to the subscribers after the tracee is resumed (Flush, once no other stop is pending),
    // so the app does not wait for the row building and buffer inserts; only the AtStop subscriber sees a process event
    // at once, while its process is stopped. File events go at once: the FIM publisher attributes an inotify event to the
    // writer it finds in RecentWrites (a subscriber), and the write may follow the resume within microseconds. Each event
    // gets its lineage from the task table here, in the order the events happened.
    // An exit stops nothing: the process is gone and its parent's SIGCHLD stop is usually waiting behind it, so the
    // AtStop subscriber sees an exit once the tracer is idle (Flush) or just before the next fork or exec it is told of,
    // which keeps the order of what it sees; its work there (a drain and inotify_rm_watch for the sensitive-read watch)
    // is then off the parent's stop (docs/tracer.md §6, "The floor").
    private void Emit(ProcessEvent e)
    {
        var withLineage = e with { Lineage = tasks.Lineage.OnProcess(e) };
        outbox.Enqueue(withLineage);
        if (options.AtStop is null)
        {
            return;
        }

        if (e.Syscall == "exit")
        {
            exitsForAtStop.Enqueue(withLineage);
            return;
        }

        ShowExits();
        ShowAtStop(withLineage);
    }

    private void ShowExits()
    {
        while (exitsForAtStop.TryDequeue(out var exit))
        {
            ShowAtStop(exit);
        }
    }

    private void ShowAtStop(ProcessEvent e)
    {
        try
        {
            options.AtStop!.OnEvent(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The event still reaches the subscribers; only the stop-time view of it is lost, and counted.
            publisher.CountDropped();
        }
    }

    private void Emit(SocketEvent e) => outbox.Enqueue(e with { Lineage = tasks.Lineage.Describe(e.Pid) });

    private void Emit(FileEvent e)
    {
        // The process rows held back come first, in the order things happened.
        Flush();
        publisher.Publish(e with { Lineage = tasks.Lineage.Describe(e.Pid) });
    }

    /// <summary>Delivers the events of the stop just handled.</summary>
    private void Flush()
    {
        ShowExits();
        while (outbox.TryDequeue(out var e))
        {
            publisher.Publish(e);
        }
    }

    private void Warn(string message)
    {
        if (options.Warn is { } warn)
        {
            warn(message);
        }
        else
        {
            ExecStub.WriteError("farquery: warning: " + message + "\n");
        }
    }

    // The mode column's octal text, made once per distinct mode rather than twice per exec.
    private static readonly string?[] ModeTexts = new string?[0x1000];

    private static string ModeText(int mode) => ModeTexts[mode & 0xfff] ??= Convert.ToString(mode & 0xfff, 8).PadLeft(4, '0');

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // CLOCK_MONOTONIC on Linux: seconds since boot (without suspend), without reading /proc/uptime per event.
    private static long Uptime() => Environment.TickCount64 / 1000;
}
