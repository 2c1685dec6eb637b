// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The ptrace publisher: the app started by <c>farquery run</c>, spawned through the exec stub, traced from its
/// first instruction by one dedicated OS thread, and supervised like an init (signals forwarded, orphans reaped, exit
/// status kept). Its events (<see cref="TraceEvent"/>) go to the subscribers named in
/// <see cref="TracerOptions.Subscribers"/>. Every ptrace request must come from the thread that seized the tracee, so
/// <see cref="SetUp"/> starts that thread, which spawns the app and then runs the wait loop; <see cref="Start"/> adds the
/// signal forwarding and <see cref="Stop"/> removes it (docs/events.md).</summary>
public sealed class TracedApp : EventPublisher<TraceEvent>
{
    /// <summary>Name under which the tracer reports in <see cref="EventRegistry.Publishers"/>.</summary>
    public const string PublisherName = "ptrace";

    /// <summary>Signals forwarded to the app (README, "PID 1 duties").</summary>
    public static readonly int[] ForwardedSignals = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH];

    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TracerOptions options;
    private readonly PtraceLoop loop;
    private volatile int pid;
    private volatile bool active;
    private volatile string message = "not started";

    private TracedApp(TableContext context, TracerOptions options, IReadOnlyList<string> argv)
        : base(context, PublisherName)
    {
        this.options = options;
        loop = new PtraceLoop(options, argv, this);
        foreach (var subscriber in options.Subscribers)
        {
            Subscribe(subscriber);
        }
    }

    /// <summary>The app's pid (0 if it could not be spawned).</summary>
    public int Pid => pid;

    /// <summary>Whether ptrace is following the app.</summary>
    public bool Traced { get; private set; }

    /// <summary>Why the app runs untraced, or null.</summary>
    public string? Warning { get; private set; }

    /// <summary>Stops the tracer has handled (seccomp, exit, event and signal stops), for diagnostics.</summary>
    public long Stops => loop.Stops;

    /// <summary>Starts the app and the tracer thread (<see cref="SetUp"/>, then <see cref="Start"/>); returns once the
    /// app is running (traced or not). Throws only when the stub itself cannot be spawned.</summary>
    public static TracedApp Start(TableContext context, TracerOptions options, IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (argv.Count == 0)
        {
            throw new ArgumentException("no command to run", nameof(argv));
        }

        var app = new TracedApp(context, options, argv);
        app.SetUp();
        app.Start();
        return app;
    }

    /// <summary>Spawns the app on the tracer thread and leaves that thread in the wait loop. True once the app runs, traced
    /// or not (<see cref="Traced"/>, <see cref="Warning"/>); throws when the stub cannot be spawned.</summary>
    public override bool SetUp()
    {
        // When we are not PID 1, orphaned descendants must still come back to us to be reaped (tini -s).
        if (Environment.ProcessId != 1)
        {
            prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }

        var started = new ManualResetEventSlim();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            // Every ptrace request must come from the thread that seized the tracee (docs/tracer.md §3.6).
            try
            {
                loop.Spawn();
                pid = loop.AppPid;
                Traced = loop.Traced;
                Warning = loop.Warning;
                SetStatus(loop.Traced, loop.Traced ? $"tracing pid {loop.AppPid}" : loop.Warning ?? "not tracing");
            }
            catch (Exception e)
            {
                failure = e;
                started.Set();
                exited.TrySetException(e);
                return;
            }

            started.Set();
            try
            {
                var code = loop.Run();
                SetStatus(false, $"app exited with {code}");
                exited.TrySetResult(code);
            }
            catch (Exception e)
            {
                SetStatus(false, "tracer failed: " + e.Message);
                exited.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "farquery ptrace",
        };
        thread.Start();
        started.Wait();
        if (failure is not null)
        {
            throw new InvalidOperationException("cannot start the app: " + failure.Message, failure);
        }

        return true;
    }

    /// <summary>Forwards the app's signals, when the options ask for it.</summary>
    public override void Start()
    {
        if (options.ForwardSignals && registrations.Count == 0)
        {
            RegisterSignalForwarding();
        }
    }

    /// <summary>Completes with the app's exit code: its status, or 128+N when signal N killed it.</summary>
    public Task<int> WaitForExitAsync() => exited.Task;

    /// <summary>Sends a signal to the app (what the forwarding handlers do).</summary>
    public void Signal(int signal)
    {
        var p = pid;
        if (p > 0 && !exited.Task.IsCompleted)
        {
            kill(p, signal);
        }
    }

    /// <summary>Stops forwarding signals; the app and the tracer thread run on until the app exits.</summary>
    public override void Stop()
    {
        foreach (var r in registrations)
        {
            r.Dispose();
        }

        registrations.Clear();
    }

    private void RegisterSignalForwarding()
    {
        // PosixSignalRegistration installs a handler for exactly these signals and never for SIGCHLD, so the runtime does
        // not start reaping our tracees (pal_signal.c reaps only on SIGCHLD; docs/tracer.md §3.8). A handler is needed at all
        // because a namespace init ignores signals it has no handler for. Raw signal numbers are accepted (documented).
        foreach (var sig in ForwardedSignals)
        {
            registrations.Add(PosixSignalRegistration.Create((PosixSignal)sig, ctx =>
            {
                ctx.Cancel = true;
                Signal(sig);
            }));
        }
    }

    /// <inheritdoc/>
    protected override PublisherStatus BuildStatus() => new(PublisherName, active, message, Dropped);

    private void SetStatus(bool isActive, string text)
    {
        active = isActive;
        message = text;
        PublishStatus();
    }
}
