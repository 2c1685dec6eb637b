// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using System.Text.Json;
using FarQuery.Cli.Agent;
using System.Globalization;
using FarQuery.Core;
using FarQuery.Core.Memory;
using FarQuery.Events;
using FarQuery.Events.Tracing;
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tls;
using FarQuery.Scheduler.Config;
using FarQuery.Sql;
using FarQuery.Tables;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery run [options] -- /path/to/app args...</c>: the container entrypoint. Starts the app traced, keeps
/// the SQL host in-process, and exits with the app's exit code.</summary>
internal static class RunCommand
{
    /// <summary>Exit code when not even the exec stub could be spawned (as a shell reports a command it cannot run).</summary>
    private const int SpawnFailed = 127;

    // The tracer's two switches: flags, also spelled the osquery way, and config options of the same name.
    private const string ReadOpensFlag = "--trace-read-opens", ReadOpensAlias = "--trace_read_opens", ReadOpensOption = "trace_read_opens";
    private const string CaptureEnvFlag = "--capture-env", CaptureEnvAlias = "--capture_env", CaptureEnvOption = "capture_env";

    /// <summary>Set to 1, the tracer decodes syscalls from the registers (PTRACE_GETREGSET), as it does by itself on kernels
    /// older than 5.3, instead of PTRACE_GET_SYSCALL_INFO: the per-architecture register layouts otherwise never run on a
    /// new kernel, and tests/arm64/run-in-qemu.sh runs the arm64 one on a real arm64 kernel with it.</summary>
    private const string RegistersVariable = "FARQUERY_TRACE_REGISTERS";

    /// <summary>Builds the verb. With <paramref name="early"/>, the app was already started from the words after
    /// <c>--</c> (see <see cref="StartEarly"/>) and the verb only parses the agent's options.</summary>
    public static Command Create(Started? early = null)
    {
        var command = new Argument<string[]>("command") { Description = "The app and its arguments (after --)", Arity = early is null ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore };
        if (early is not null)
        {
            // The app was taken from after "--": any word left here is an option farquery does not know.
            command.Validators.Add(r =>
            {
                if (r.Tokens.Count > 0)
                {
                    r.AddError("unknown option or stray word before --: " + string.Join(' ', r.Tokens.Select(t => t.Value)));
                }
            });
        }

        var printEvents = new Option<bool>("--print-events") { Description = "At exit, print every buffered event row to stderr as JSON lines" };
        var readOpens = new Option<bool>(ReadOpensFlag, ReadOpensAlias) { Description = "Also record read-only opens (every open stops the app: slower); config option trace_read_opens" };
        var captureEnv = new Option<bool>(CaptureEnvFlag, CaptureEnvAlias) { Description = "Record each exec's environment in process_events.env; config option capture_env" };
        var configPath = new Option<string?>("--config_path") { Description = "osquery config (JSON: options, schedule, packs, decorators, file_paths); default: the embedded detection packs" };
        var loggerPath = new Option<string?>("--logger_path") { Description = "Also write result and status logs to rotated files in this directory" };
        var noStdout = new Option<bool>("--disable_stdout_logging") { Description = "Do not write result lines to stdout" };
        var run = new Command("run", "Run an app as the container's entrypoint, tracing it with ptrace") { command, printEvents, readOpens, captureEnv, configPath, loggerPath, noStdout, CliOptions.Socket, CliOptions.MemoryBudget };
        var remote = new RemoteFlags(run);
        run.SetAction(r => Supervise(early ?? Start(r.GetValue(command)!, new TracerOptions
        {
            TraceReadOpens = r.GetValue(readOpens),
            CaptureEnvironment = r.GetValue(captureEnv),
        }, r.GetValue(remote.EnrollSecretEnv), r.GetValue(configPath), r.GetValue(CliOptions.MemoryBudget)), r.GetValue(printEvents), new AgentOptions
        {
            ConfigPath = r.GetValue(configPath),
            LoggerPath = r.GetValue(loggerPath),
            NoStdoutLog = r.GetValue(noStdout),
            SocketPath = r.GetValue(CliOptions.Socket),
            Remote = remote.Options(r),
            EnrollSecret = remote.SecretSource(r),
            EnrollSecretEnv = r.GetValue(remote.EnrollSecretEnv),
            HostIdentifier = r.GetValue(remote.HostIdentifier),
            SpecifiedIdentifier = r.GetValue(remote.SpecifiedIdentifier),
        }));
        return run;
    }

    /// <summary>osquery's remote flags (osquery.md §2.7), same names, for <c>run</c>. Endpoints default to Fleet's paths;
    /// an empty value turns that part off (for instance <c>--distributed_tls_read_endpoint=</c>).</summary>
    private sealed class RemoteFlags
    {
        public readonly Option<string?> TlsHostname = new("--tls_hostname") { Description = "TLS backend host[:port] (Fleet, osctrl, ...); enables enrollment, remote config, TLS logging and distributed queries (default: $FARQUERY_TLS_HOSTNAME, which `farquery inject` sets)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FARQUERY_TLS_HOSTNAME") };
        public readonly Option<string> Enroll = new("--enroll_tls_endpoint") { DefaultValueFactory = _ => "/api/v1/osquery/enroll", Description = "Enroll endpoint" };
        public readonly Option<string> Config = new("--config_tls_endpoint") { DefaultValueFactory = _ => "/api/v1/osquery/config", Description = "Config endpoint (empty: no remote config)" };
        public readonly Option<string> Logger = new("--logger_tls_endpoint") { DefaultValueFactory = _ => "/api/v1/osquery/log", Description = "Logger endpoint (empty: no TLS logging)" };
        public readonly Option<string> DistributedRead = new("--distributed_tls_read_endpoint") { DefaultValueFactory = _ => "/api/v1/osquery/distributed/read", Description = "Distributed read endpoint (empty: no distributed queries)" };
        public readonly Option<string> DistributedWrite = new("--distributed_tls_write_endpoint") { DefaultValueFactory = _ => "/api/v1/osquery/distributed/write", Description = "Distributed write endpoint" };
        public readonly Option<string?> ServerCerts = new("--tls_server_certs") { Description = "PEM bundle of the CAs trusted for the backend (default: the system store)" };
        public readonly Option<string?> ClientCert = new("--tls_client_cert") { Description = "PEM client certificate (mTLS)" };
        public readonly Option<string?> ClientKey = new("--tls_client_key") { Description = "PEM client key (mTLS)" };
        public readonly Option<int> LoggerPeriod = new("--logger_tls_period") { DefaultValueFactory = _ => 4, Description = "Seconds between log uploads" };
        public readonly Option<int> LoggerMaxLines = new("--logger_tls_max_lines") { DefaultValueFactory = _ => 1024, Description = "Lines per log upload" };
        public readonly Option<bool> LoggerCompress = new("--logger_tls_compress") { Description = "gzip log uploads" };
        public readonly Option<int> BufferedLogMax = new("--buffered_log_max") { DefaultValueFactory = _ => 100_000, Description = "Lines buffered per log type while the backend is away (oldest dropped and counted past it)" };
        public readonly Option<int> ConfigRefresh = new("--config_refresh") { DefaultValueFactory = _ => 0, Description = "Seconds between config fetches (0: at start only)" };
        public readonly Option<int> DistributedInterval = new("--distributed_interval") { DefaultValueFactory = _ => 60, Description = "Seconds between distributed query reads" };
        public readonly Option<string?> EnrollSecretPath = new("--enroll_secret_path") { Description = "File holding the enroll secret" };
        public readonly Option<string?> EnrollSecretEnv = new("--enroll_secret_env") { Description = "Environment variable holding the enroll secret (removed from the environment once read)" };
        public readonly Option<string?> EnrollSecretSsm = new("--enroll_secret_ssm_parameter") { Description = "SSM Parameter Store name, path or ARN of the enroll secret (SecureString; task role credentials; default: $FARQUERY_ENROLL_SECRET_SSM_PARAMETER, which `farquery inject` sets)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FARQUERY_ENROLL_SECRET_SSM_PARAMETER") };
        public readonly Option<string?> NodeKeyPath = new("--node_key_path") { Description = "Keep the node key in this file (mode 0600) across restarts; default: memory only" };
        public readonly Option<bool> DisableStatusLog = new("--tls_disable_status_log") { Description = "Do not send status logs to the backend" };
        public readonly Option<bool> DisableReenrollment = new("--disable_reenrollment") { Description = "Keep the node key when the backend says node_invalid" };
        public readonly Option<bool> EnrollAlways = new("--enroll_always") { Description = "Enroll at start even with a stored node key" };
        public readonly Option<string?> HostIdentifier = new("--host_identifier") { Description = "hostname, uuid, instance, ephemeral, specified, or ecs (task ARN/container name)" };
        public readonly Option<string?> SpecifiedIdentifier = new("--specified_identifier") { Description = "Identifier for --host_identifier=specified" };

        public RemoteFlags(Command command)
        {
            foreach (var option in new Option[] { TlsHostname, Enroll, Config, Logger, DistributedRead, DistributedWrite, ServerCerts, ClientCert, ClientKey, LoggerPeriod, LoggerMaxLines, LoggerCompress, BufferedLogMax, ConfigRefresh, DistributedInterval, EnrollSecretPath, EnrollSecretEnv, EnrollSecretSsm, NodeKeyPath, DisableStatusLog, DisableReenrollment, EnrollAlways, HostIdentifier, SpecifiedIdentifier })
            {
                command.Options.Add(option);
            }
        }

        public RemoteOptions? Options(ParseResult r) => r.GetValue(TlsHostname) is not { Length: > 0 } hostname ? null : new RemoteOptions
        {
            TlsHostname = hostname,
            EnrollEndpoint = r.GetValue(Enroll) ?? "",
            ConfigEndpoint = r.GetValue(Config) ?? "",
            LoggerEndpoint = r.GetValue(Logger) ?? "",
            DistributedReadEndpoint = r.GetValue(DistributedRead) ?? "",
            DistributedWriteEndpoint = r.GetValue(DistributedWrite) ?? "",
            ServerCertsPath = r.GetValue(ServerCerts),
            ClientCertPath = r.GetValue(ClientCert),
            ClientKeyPath = r.GetValue(ClientKey),
            LoggerPeriod = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(LoggerPeriod))),
            LoggerMaxLines = Math.Max(1, r.GetValue(LoggerMaxLines)),
            LoggerCompress = r.GetValue(LoggerCompress),
            BufferedLogMax = Math.Max(1, r.GetValue(BufferedLogMax)),
            ConfigRefresh = TimeSpan.FromSeconds(Math.Max(0, r.GetValue(ConfigRefresh))),
            DistributedInterval = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(DistributedInterval))),
            NodeKeyPath = r.GetValue(NodeKeyPath),
            DisableStatusLog = r.GetValue(DisableStatusLog),
            DisableReenrollment = r.GetValue(DisableReenrollment),
            EnrollAlways = r.GetValue(EnrollAlways),
        };

        public EnrollSecretSource SecretSource(ParseResult r) => new()
        {
            SsmParameter = r.GetValue(EnrollSecretSsm),
            Path = r.GetValue(EnrollSecretPath),
        };
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

        /// <summary>Whether <c>--capture-env</c> was given (the config can turn capture on, never off past the flag).</summary>
        public bool CaptureEnvironmentFlag { get; init; }

        /// <summary>The <c>--config_path</c> config, read before the spawn for its tracer options; null when none was given
        /// or it did not load (the agent then reads it again and reports why).</summary>
        public OsqueryConfig? Config { get; init; }

        /// <summary>Set once <see cref="Supervise"/> took the app over (so Main knows whether `run --help -- app` still
        /// needs to wait for it).</summary>
        public bool Supervised { get; set; }
    }

    /// <summary>The early path of <c>farquery run [options] -- app args</c>, taken by Main before any option parsing: the
    /// app's argv is everything after the first <c>--</c>, and the few options the spawn itself needs are picked out of
    /// the words before it. The app then never waits for the agent's option parsing, and a mistyped agent option cannot
    /// stop it (the options are checked afterwards, and a bad one costs the agent's extras, not the app). Null when there
    /// is no <c>--</c> or nothing after it: the normal parser reports that.</summary>
    public static (Started Started, string[] AgentArgs)? StartEarly(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        if (split < 1 || split == args.Length - 1)
        {
            return null;
        }

        var agentArgs = args[..split];
        var options = new TracerOptions
        {
            TraceReadOpens = EarlyFlag(agentArgs, ReadOpensFlag) || EarlyFlag(agentArgs, ReadOpensAlias),
            CaptureEnvironment = EarlyFlag(agentArgs, CaptureEnvFlag) || EarlyFlag(agentArgs, CaptureEnvAlias),
        };
        var budget = long.TryParse(EarlyValue(agentArgs, CliOptions.MemoryBudget.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 0;
        return (Start(args[(split + 1)..], options, EarlyValue(agentArgs, "--enroll_secret_env"), EarlyValue(agentArgs, "--config_path"), budget), agentArgs);
    }

    /// <summary>A boolean option as System.CommandLine reads it: present alone, or followed by true/false (also with = or :).</summary>
    internal static bool EarlyFlag(string[] args, string name)
    {
        var value = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                value = i + 1 >= args.Length || !bool.TryParse(args[i + 1], out var given) || given;
            }
            else if (args[i].Length > name.Length + 1 && args[i].StartsWith(name, StringComparison.Ordinal) && args[i][name.Length] is '=' or ':')
            {
                value = bool.TryParse(args[i].AsSpan(name.Length + 1), out var given) && given;
            }
        }

        return value;
    }

    /// <summary>A string option's last value (<c>--name value</c>, <c>--name=value</c> or <c>--name:value</c>), or null.</summary>
    internal static string? EarlyValue(string[] args, string name)
    {
        string? value = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                value = args[i + 1];
            }
            else if (args[i].Length > name.Length + 1 && args[i].StartsWith(name, StringComparison.Ordinal) && args[i][name.Length] is '=' or ':')
            {
                value = args[i][(name.Length + 1)..];
            }
        }

        return value;
    }

    /// <summary>Starts the app traced (untraced, with a warning, when ptrace is refused). A <c>--config_path</c> config is
    /// read first when given: its <c>trace_read_opens</c> option shapes the seccomp filter, which cannot change once the
    /// app runs.</summary>
    public static Started Start(IReadOnlyList<string> argv, TracerOptions options, string? enrollSecretEnv, string? configPath = null, long memoryBudgetMib = 0)
    {
        // The secret leaves the environment before the app is spawned with it (process_envs must not show it).
        var envSecret = enrollSecretEnv is { Length: > 0 } ? EnvironmentSecret.Take(enrollSecretEnv) : null;
        var config = Preload(configPath);

        // Sized before the tracer fills any buffer: the event buffers are charged to it from the first row.
        var context = new TableContext { Budget = MemoryBudget.Detect(new HostFileSystem(), memoryBudgetMib) };
        var writes = new RecentWrites();
        context.Services.Set(writes);
        var tracer = new TracerOptions
        {
            StubExecutable = options.StubExecutable,
            TraceReadOpens = options.TraceReadOpens || config?.Option(ReadOpensOption, false) == true,
            CaptureEnvironment = options.CaptureEnvironment || config?.Option(CaptureEnvOption, false) == true,
            UseRegisters = options.UseRegisters || Environment.GetEnvironmentVariable(RegistersVariable) == "1",
            ForwardSignals = true,
            Sink = new AttributingTraceSink(new TracerSink(context), writes),
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
        return new Started { App = app, Context = context, EnvSecret = envSecret, Tracer = tracer, CaptureEnvironmentFlag = options.CaptureEnvironment, Config = config };
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

    private static OsqueryConfig? Preload(string? configPath)
    {
        if (configPath is null)
        {
            return null;
        }

        try
        {
            return AgentRuntime.LoadConfig(configPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Reported by the agent when it reads the file again; the app must not wait for this.
            return null;
        }
    }

    /// <summary>Runs the app to completion; returns its exit code (128+N if signal N killed it).</summary>
    public static int Run(IReadOnlyList<string> argv, TracerOptions options, bool printEvents, AgentOptions? agent = null) =>
        Supervise(Start(argv, options, agent?.EnrollSecretEnv, agent?.ConfigPath), printEvents, agent);

    /// <summary>Starts the agent side next to a started app and waits for the app; returns its exit code.</summary>
    public static int Supervise(Started started, bool printEvents, AgentOptions? agent)
    {
        started.Supervised = true;
        if (started.App is not { } app)
        {
            return SpawnFailed;
        }

        var context = started.Context;
        using (app)
        {
            // The agent side starts after the app so it never delays it; its failures only cost telemetry.
            var warnedReadOpens = false;
            var options = (agent ?? new AgentOptions()) with
            {
                PreloadedConfig = started.Config,
                OnConfig = config =>
                {
                    // Environment capture is read at every exec and follows the config; the read-open filter was fixed at
                    // the spawn, so a config that asks for it later (the backend's) only gets a note.
                    started.Tracer.CaptureEnvironment = started.CaptureEnvironmentFlag || config.Option(CaptureEnvOption, false);
                    if (config.Option(ReadOpensOption, false) && !started.Tracer.TraceReadOpens && !warnedReadOpens)
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
            if (printEvents)
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
