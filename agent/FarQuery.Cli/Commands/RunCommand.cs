// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Cli.Agent;
using FarQuery.Core;
using FarQuery.Core.Flags;
using FarQuery.Core.Memory;
using FarQuery.Events;
using FarQuery.Events.Tracing;
using FarQuery.Remote.Secrets;
using FarQuery.Scheduler.Config;
using FarQuery.Tables;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery run [flags] -- /path/to/app args...</c>: the container entrypoint. Starts the app traced, keeps
/// the SQL host in-process, and exits with the app's exit code. Its flags are osquery's (docs/flags.md): read once,
/// from the command line, <c>--flagfile</c> and the environment, into one <see cref="FlagValues"/> that every part of
/// the agent reads; the app is spawned before anything the flags name is set up, and a flag FarQuery cannot use costs
/// only itself.</summary>
internal static class RunCommand
{
    /// <summary>Exit code when not even the exec stub could be spawned (as a shell reports a command it cannot run).</summary>
    private const int SpawnFailed = 127;

    /// <summary>How the verb is called.</summary>
    public const string Usage = "farquery run [flags] -- app [args...]";

    /// <summary>Set to 1, the tracer decodes syscalls from the registers (PTRACE_GETREGSET), as it does by itself on kernels
    /// older than 5.3, instead of PTRACE_GET_SYSCALL_INFO: the per-architecture register layouts otherwise never run on a
    /// new kernel, and tests/arm64/run-in-qemu.sh runs the arm64 one on a real arm64 kernel with it.</summary>
    private const string RegistersVariable = "FARQUERY_TRACE_REGISTERS";

    /// <summary>The verb as <c>farquery --help</c> lists it; <see cref="Execute"/> handles every call of it.</summary>
    public static System.CommandLine.Command HelpEntry() => new("run", "Run an app as the container's entrypoint, tracing it with ptrace (" + Usage + "; run --help lists the flags)");

    /// <summary><c>farquery run</c> with the words after <c>run</c>: the flags before <c>--</c> (or before the first word
    /// that is not a flag), the app after. Returns the app's exit code.</summary>
    public static int Execute(string[] words)
    {
        var split = Array.IndexOf(words, "--");
        var loaded = split >= 0 ? FlagLoader.Load(words[..split], appFollows: false) : FlagLoader.Load(words, appFollows: true);
        var app = split >= 0 ? words[(split + 1)..] : words[loaded.AppStart..];
        if (app.Length == 0)
        {
            if (loaded.Help)
            {
                WriteHelp();
                return ExitCodes.Ok;
            }

            ExecStub.WriteError($"farquery run: no app to run ({Usage}); farquery run --help lists the flags\n");
            return ExitCodes.Usage;
        }

        var started = Start(app, loaded.Values);

        // Everything below happens while the app already runs.
        foreach (var problem in loaded.Problems)
        {
            ExecStub.WriteError("farquery: " + problem + "\n");
        }

        if (FlagLoader.NoEffectNote(loaded.Values) is { } note)
        {
            ExecStub.WriteError("farquery: " + note + "\n");
        }

        if (loaded.Values.Bool(FlagCatalog.Verbose))
        {
            ExecStub.WriteError("farquery: flags: " + string.Join(" ", loaded.Values.Given.Select(f => $"--{f.Name}={loaded.Values.Get(f)} ({loaded.Values.SourceOf(f)})")) + "\n");
        }

        if (loaded.Help)
        {
            // `run --help -- app`: the help, and the app still runs to its end.
            try
            {
                WriteHelp();
            }
            catch (IOException)
            {
                // stdout closed: the app matters more than the help.
            }
        }

        return Supervise(started, new AgentOptions { Flags = loaded.Values });
    }

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
        var tracer = new TracerOptions
        {
            TraceReadOpens = inForce.Bool(FlagCatalog.TraceReadOpens),
            CaptureEnvironment = inForce.Bool(FlagCatalog.CaptureEnv),
            UseRegisters = Environment.GetEnvironmentVariable(RegistersVariable) == "1",
            ForwardSignals = true,
            Subscribers = [.. TracerSubscribers.Create(context), writes],
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
        return new Started { App = app, Context = context, EnvSecret = envSecret, Tracer = tracer, Config = config };
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
            var options = agent with
            {
                PreloadedConfig = started.Config,
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
            var runtime = AgentRuntime.Start(context, options, m => ExecStub.WriteError(m + "\n"), started.EnvSecret);
            var code = app.WaitForExitAsync().GetAwaiter().GetResult();

            // From here the agent owes the app's code within AgentRuntime.ExitBound (README, "Using it").
            using (ExitDeadline.Arm(code, AgentRuntime.ExitBound))
            {
                runtime.Drain(AgentRuntime.DrainBudget);
                runtime.Dispose();
            }

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

    /// <summary>The help, to fd 1 (not System.Console, for the reason <see cref="PrintEvents"/> gives).</summary>
    private static void WriteHelp()
    {
        using var stdout = new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1));
        FlagHelp.Write(stdout);
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
