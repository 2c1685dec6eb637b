// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>How <see cref="TracedApp"/> starts and traces the app.</summary>
public sealed class TracerOptions
{
    /// <summary>The executable re-run in stub mode to install the filter and exec the app. <c>/proc/self/exe</c> is the
    /// running <c>farquery</c>; a host that is not farquery (a test runner) names the farquery binary here.</summary>
    public string StubExecutable { get; init; } = "/proc/self/exe";

    /// <summary>Start the app with exec_stub.c's farquery_spawn, a clone of the tracer thread that is seized before it execs
    /// the app (<c>--tracer_spawn=direct</c>, the default), rather than through a re-executed stub
    /// (<see cref="StubExecutable"/>; docs/tracer.md §3.8). Only the NativeAOT binary has farquery_spawn: elsewhere, and
    /// when it fails, the stub is used.</summary>
    public bool DirectSpawn { get; init; } = true;

    /// <summary>Also stop on read-only opens (every open/openat; docs/tracer.md §3.2 caveat). Off by default: they are the
    /// most frequent syscall of most apps.</summary>
    public bool TraceReadOpens { get; init; }

    private volatile bool captureEnvironment;

    /// <summary>Record the environment of every exec in <c>process_events.env</c> (may hold secrets; off by default). It
    /// can change while the app runs (a config reload): the tracer reads it at every exec.</summary>
    public bool CaptureEnvironment
    {
        get => captureEnvironment;
        set => captureEnvironment = value;
    }

    private volatile DenyPolicy? deny;

    /// <summary>The syscalls refused at their seccomp-stop with EPERM (docs/response.md, "deny"); null: none. Swapped as a
    /// whole when a config is reloaded; the tracer reads it at every stop without a lock.</summary>
    public DenyPolicy? Deny
    {
        get => deny;
        set => deny = value;
    }

    /// <summary>Whether execve stops at its entry, so an exec can be denied; fixed when the app starts (the filter cannot
    /// change), set when the first policy needs it.</summary>
    public bool TraceExecEntry { get; init; }

    /// <summary>Told of every denial (and dry-run denial) on the tracer thread: it must only queue, never block.</summary>
    public Action<Denial>? OnDenial { get; init; }

    /// <summary>Forward SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH received by this process to the app.</summary>
    public bool ForwardSignals { get; init; } = true;

    /// <summary>Read syscalls from the registers instead of PTRACE_GET_SYSCALL_INFO. The tracer switches by itself on
    /// kernels older than 5.3; tests set it to exercise that path on a new kernel.</summary>
    internal bool UseRegisters { get; init; }

    /// <summary>Who gets the decoded events (the table subscribers, RecentWrites), in order; none discards them (the
    /// tracer then only supervises the app).</summary>
    public IReadOnlyList<IEventSubscriber<TraceEvent>> Subscribers { get; init; } = [];

    /// <summary>How long, in microseconds, the tracer polls for the next stop before it blocks (0: never); the caller
    /// passes 0 unless the task may use two CPUs at once (<see cref="WaitSpin.Bound"/>; docs/tracer.md §6).</summary>
    public long SpinMicroseconds { get; init; }

    /// <summary>The spin for <see cref="SpinMicroseconds"/>: <paramref name="requested"/> when this process may run on at
    /// least two CPUs at once (affinity and cgroup quota), else 0.</summary>
    public static long UsableSpin(long requested, HostFileSystem fs) => WaitSpin.Bound(requested, fs);

    /// <summary>Told of every process event (fork, exec, exit) on the tracer thread while the process is still stopped,
    /// before the subscribers and before it runs on; it must be quick. The sensitive-read watch needs this: a reader
    /// such as <c>cat /etc/shadow</c> opens the file microseconds after its exec stop ends, and its open must find it
    /// among the candidate readers (docs/tracer.md §5).</summary>
    public IEventSubscriber<TraceEvent>? AtStop { get; init; }

    /// <summary>Where the one-line warnings (tracing refused, degraded) go; null writes them to file descriptor 2 directly,
    /// without System.Console (whose terminal set-up would install a SIGCHLD reaper, docs/tracer.md §3.8).</summary>
    public Action<string>? Warn { get; init; }
}
