// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Core.Memory;
using FarQuery.Events;
using FarQuery.Remote.Secrets;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Agent;

/// <summary>What <c>farquery run</c> does once its flags are read: starts the app under the tracer before anything else
/// (<see cref="Start"/>), then starts the agent side next to it and waits for the app (<see cref="Supervise"/>),
/// returning the app's exit code within the exit bound (<see cref="AgentRuntime.ExitBoundFrom"/>) of its exit.</summary>
internal static class AppSupervisor
{
    /// <summary>Exit code when not even the exec stub could be spawned (as a shell reports a command it cannot run).</summary>
    private const int SpawnFailed = 127;

    /// <summary>Set to 1, the tracer decodes syscalls from the registers (PTRACE_GETREGSET), as it does by itself on kernels
    /// older than 5.3, instead of PTRACE_GET_SYSCALL_INFO: the per-architecture register layouts otherwise never run on a
    /// new kernel, and tests/arm64/run-in-qemu.sh runs the arm64 one on a real arm64 kernel with it.</summary>
    private const string RegistersVariable = "FARQUERY_TRACE_REGISTERS";

    /// <summary>How long the app runs before the agent drops the image pages of its start (<see cref="ImagePages"/>).</summary>
    private static readonly TimeSpan ImageReleaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>An app started by <see cref="Start"/>: the tracer runs, the agent side does not yet.</summary>
    internal sealed class Started
    {
        /// <summary>The traced app, or null when not even the exec stub could be spawned.</summary>
        public TracedApp? App { get; init; }

        /// <summary>The tables' shared context the tracer fills.</summary>
        public required TableContext Context { get; init; }

        /// <summary>The <c>--enroll_secret_env</c> value, taken from the environment before the app was spawned.</summary>
        public EnrollSecret? EnvSecret { get; init; }

        /// <summary>The tracer's options; <see cref="TracerOptions.CaptureEnvironment"/> follows the config in force.</summary>
        public required TracerOptions Tracer { get; init; }

        /// <summary>Carries the tracer's denials to the response engine (null: no deny playbook).</summary>
        public DenialRelay? Denials { get; init; }

        /// <summary>The <c>--config_path</c> config, read before the spawn for its tracer options; null when none was given
        /// or it did not load (the agent then reads it again and reports why).</summary>
        public OsqueryConfig? Config { get; init; }
    }

    /// <summary>Starts the app traced (untraced, with a warning, when ptrace is refused). A <c>--config_path</c> config is
    /// read first when given: its <c>trace_read_opens</c> option shapes the seccomp filter, which cannot change once the
    /// app runs.</summary>
    public static Started Start(IReadOnlyList<string> argv, FlagValues flags)
    {
        // The secret leaves the environment before the app is spawned with it (process_envs must not show it).
        var envSecret = flags.Text(FlagCatalog.EnrollSecretEnv) is { } variable ? EnvironmentSecret.Take(variable) : null;
        var config = Preload(flags);
        var inForce = config?.Flags ?? flags;

        // Sized before the tracer fills any buffer: the event buffers are charged to it from the first row.
        var context = new TableContext { Budget = MemoryBudget.Detect(new HostFileSystem(), flags.Int(FlagCatalog.MemoryBudget)) };
        var writes = new RecentWrites();
        context.Services.Set(writes);
        var traceReadOpens = inForce.Bool(FlagCatalog.TraceReadOpens);

        // Sensitive reads by default, without a stop per read-only open (docs/tracer.md §5); with trace_read_opens the
        // tracer sees every open itself, and enable_sensitive_reads=false turns the watches off. Watching before the
        // spawn catches the app's first reads.
        var reads = traceReadOpens || !inForce.Bool(FlagCatalog.EnableSensitiveReads) ? null : new SensitiveReads(context, new ProcessFileEventsSubscriber(context));
        if (reads is not null && reads.SetUp())
        {
            reads.Start();
            context.Services.Set(reads);
        }

        // Deny playbooks are compiled into the tracer's policy before the app starts: an exec can only be refused when
        // execve stops at its entry, and the filter is fixed at the spawn (docs/response.md, "deny").
        var deny = DenyPolicyBuilder.Build(ResponseSettings.Parse(config?.Sections.GetValueOrDefault("response"), inForce), []);
        // The relay exists even without a deny playbook: a reloaded config may bring the first one.
        var relay = new DenialRelay();
        var tracer = new TracerOptions
        {
            Deny = deny,
            TraceExecEntry = deny?.NeedsExecStops == true,
            DirectSpawn = inForce.Get(FlagCatalog.TracerSpawn) != "stub",
            OnDenial = relay.Post,
            TraceReadOpens = traceReadOpens,
            CaptureEnvironment = inForce.Bool(FlagCatalog.CaptureEnv),
            UseRegisters = Environment.GetEnvironmentVariable(RegistersVariable) == "1",
            SpinMicroseconds = TracerOptions.UsableSpin(inForce.Int(FlagCatalog.TracerSpinUs), new HostFileSystem()),
            ForwardSignals = true,
            Subscribers = [.. TracerSubscribers.Create(context), writes],
            AtStop = reads,
        };
        TracedApp? app = null;
        try
        {
            app = TracedApp.Start(context, tracer, argv);
        }
        catch (InvalidOperationException e)
        {
            ExecStub.WriteError("farquery: " + e.Message + "\n");
        }

        ProtectAgent();
        return new Started { App = app, Context = context, EnvSecret = envSecret, Tracer = tracer, Config = config, Denials = relay };
    }

    /// <summary>Once the stub is spawned (posix_spawn gave it default dispositions, so none of this reaches the app):
    /// SIGPIPE is ignored, so a result line written to a stdout whose reader has gone fails with EPIPE and is counted
    /// instead of killing PID 1 and with it the app; and the agent is made non-dumpable, so a crash or <c>kill -ABRT</c>
    /// leaves no core file holding the enroll secret and node key (README, "PID 1 duties"). PR_SET_DUMPABLE is reset by
    /// execve, so the app and the tracer's view of it are unaffected, and the agent still reads its own /proc.</summary>
    private static void ProtectAgent()
    {
        Interop.Libc.signal(Interop.Libc.SIGPIPE, Interop.Libc.SIG_IGN);
        Interop.Libc.prctl(Interop.Libc.PR_SET_DUMPABLE, 0, 0, 0, 0);
    }

    private static OsqueryConfig? Preload(FlagValues flags)
    {
        if (flags.Text(FlagCatalog.ConfigPath) is not { } path)
        {
            return null;
        }

        try
        {
            return AgentRuntime.LoadConfig(path, flags);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Reported by the agent when it reads the file again; the app must not wait for this.
            return null;
        }
    }

    /// <summary>Runs the app to completion under <paramref name="agent"/>; returns its exit code (128+N if signal N
    /// killed it).</summary>
    public static int Run(IReadOnlyList<string> argv, AgentOptions agent) => Supervise(Start(argv, agent.Flags), agent);

    /// <summary>Starts the agent side next to a started app and waits for the app; returns its exit code.</summary>
    public static int Supervise(Started started, AgentOptions agent)
    {
        if (started.App is not { } app)
        {
            return SpawnFailed;
        }

        var context = started.Context;
        using (app)
        {
            // The agent side starts after the app so it never delays it; its failures only cost telemetry.
            var warnedReadOpens = false;
            var stopRequested = 0;
            Timer? escalation = null;
            var actuator = new TaskActuator(app.Pid, grace =>
            {
                // stop_task: as PID 1 at the end of a container, SIGTERM first and SIGKILL once the grace has passed.
                if (Interlocked.Exchange(ref stopRequested, 1) == 0)
                {
                    app.Signal(Interop.Libc.SIGTERM);
                    escalation = new Timer(_ => app.Signal(Interop.Libc.SIGKILL), null, grace, Timeout.InfiniteTimeSpan);
                }
            });
            var options = agent with
            {
                Actuator = agent.Actuator ?? actuator,
                PreloadedConfig = started.Config,
                Denials = started.Denials,
                Tracer = started.Tracer,
                OnConfig = config =>
                {
                    // Environment capture is read at every exec and follows the config; the read-open filter was fixed at
                    // the spawn, so a config that asks for it later (the backend's) only gets a note.
                    started.Tracer.CaptureEnvironment = config.Flags.Bool(FlagCatalog.CaptureEnv);
                    if (config.Flags.Bool(FlagCatalog.TraceReadOpens) && !started.Tracer.TraceReadOpens && !warnedReadOpens)
                    {
                        warnedReadOpens = true;
                        ExecStub.WriteError("farquery: trace_read_opens takes effect when the app is next started (the seccomp filter is fixed at start)\n");
                    }
                },
            };
            // An app that exits while the agent starts is not kept waiting for the parts of the start that serve a long run
            // (docs/tracer.md, "The start path").
            var exit = app.WaitForExitAsync();

            // A playbook ended the app: the agent says so with its own code, so ECS reports why the task stopped.
            int AgentCode(int appCode) => Volatile.Read(ref stopRequested) == 1 ? Response.ResponseSettings.StopTaskExitCode : appCode;

            // From the app's exit the agent owes its code within the exit bound (--exit_timeout_ms, 1 s by default; README,
            // "Using it"), even when that exit finds the start below still running.
            var exitBound = AgentRuntime.ExitBoundFrom(options.Flags);
            using var deadline = ExitDeadline.Start(exit, AgentCode, exitBound);
            var runtime = AgentRuntime.Start(context, options, m => ExecStub.WriteError(m + "\n"), started.EnvSecret, () => exit.IsCompleted);

            // The image pages only the start needed leave the agent's resident memory (ImagePages), once the app has run
            // for a while: reading smaps walks every mapping, work that would otherwise run beside the app's own start,
            // and a run shorter than that ends before the pages would matter (docs/tracer.md, "The start path").
            if (!((IAsyncResult)exit).AsyncWaitHandle.WaitOne(ImageReleaseDelay) && Environment.ProcessPath is { } image)
            {
                ImagePages.Release(image);
            }

            var code = AgentCode(exit.GetAwaiter().GetResult());
            escalation?.Dispose();
            context.Services.Get<SensitiveReads>()?.Retire();
            runtime.Drain(AgentRuntime.DrainBudgetWithin(exitBound));
            runtime.Dispose();
            deadline.Dispose();

            // --print-events is a debugging aid: its dump is written after the bounded part, however long it is.
            if (agent.Flags.Bool(FlagCatalog.PrintEvents))
            {
                try
                {
                    PrintEvents(context);
                }
                catch (IOException)
                {
                    // stderr closed: the exit code still matters more than the dump.
                }
            }

            return code;
        }
    }

    /// <summary>Writes every buffered event row as one JSON object per line to fd 2 (not System.Console: its terminal
    /// set-up would install a SIGCHLD handler that reaps our tracees when we are PID 1).</summary>
    private static void PrintEvents(TableContext context)
    {
        using var stderr = new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1);
        using var json = new Utf8JsonWriter(stderr);
        foreach (var buffer in context.Events.Buffers)
        {
            foreach (var row in buffer.Snapshot())
            {
                json.WriteStartObject();
                json.WriteString("table", buffer.Name);
                for (var i = 0; i < buffer.Schema.Columns.Count; i++)
                {
                    var name = buffer.Schema.Columns[i].Name;
                    switch (row[i])
                    {
                        case null:
                            json.WriteNull(name);
                            break;
                        case long l:
                            json.WriteNumber(name, l);
                            break;
                        case int n:
                            json.WriteNumber(name, n);
                            break;
                        case double d:
                            json.WriteNumber(name, d);
                            break;
                        default:
                            json.WriteString(name, row[i]!.ToString());
                            break;
                    }
                }

                json.WriteEndObject();
                json.Flush();
                json.Reset();
                stderr.WriteByte((byte)'\n');
            }
        }

        stderr.Flush();
    }
}
