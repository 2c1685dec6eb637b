// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text.Json;
using FarQuery.Admin;
using FarQuery.Core.Carving;
using FarQuery.Events.Inotify;
using FarQuery.Events.Syslog;
using FarQuery.Events.Udev;
using FarQuery.Remote;
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tls;
using FarQuery.Scheduler.Logging;
using FarQuery.Scheduler.Scheduling;

namespace FarQuery.Agent;

/// <summary>Everything <c>farquery run</c> does besides supervising the app: loads the config (the embedded default
/// when none is given), schedules the packs on their own SQL connection, and logs results to stdout as JSON lines
/// (and to rotated files). Any failure here is reported and the app keeps running: the agent's extras never stop it.</summary>
internal sealed class AgentRuntime : IDisposable
{
    private readonly List<ILogSink> sinks = [];
    private readonly List<IDisposable> owned = [];
    private InotifyPublisher? fim;
    private SyslogPublisher? syslog;
    private readonly Lock hardwareEventsGate = new();
    private UdevPublisher? hardwareEvents;
    private bool disposed;
    private RemoteAgent? remote;
    private Carver? carver;
    private SqlHost? remoteHost;

    private AgentRuntime(TableContext context) => Context = context;

    /// <summary>How long the agent takes at most, once the app has exited, to exit with the app's code (README, "Using
    /// it"): running queries are interrupted, the last event queries and the log flush get half of it
    /// (<see cref="DrainBudgetWithin"/>), and <see cref="ExitDeadline"/> enforces the whole. <c>--exit_timeout_ms</c>
    /// (1 s by default), kept within 100 ms (the exit's own steps need that much) and 120 s (the longest stopTimeout ECS
    /// allows).</summary>
    public static TimeSpan ExitBoundFrom(FlagValues flags) =>
        TimeSpan.FromMilliseconds(Math.Clamp(flags.Int(FlagCatalog.ExitTimeoutMs), 100, 120_000));

    /// <summary>The part of an exit bound given to the last run of the event queries and the log flush: half, so the
    /// disposals after it fit in the rest.</summary>
    public static TimeSpan DrainBudgetWithin(TimeSpan exitBound) => exitBound / 2;

    /// <summary>The tables' shared context (event buffers, services).</summary>
    public TableContext Context { get; }

    /// <summary>The scheduler, or null when it could not start.</summary>
    public QueryScheduler? Scheduler { get; private set; }

    /// <summary>The admin socket server, or null when it could not start.</summary>
    public AdminServer? Admin { get; private set; }

    /// <summary>The config in force, or null.</summary>
    public OsqueryConfig? Config { get; private set; }

    /// <summary>The TLS backend client, or null without <c>--tls_hostname</c> (or when it could not start).</summary>
    public RemoteAgent? Remote => remote;

    /// <summary>Starts the agent side; never throws (problems go to <paramref name="warn"/>).</summary>
    /// <param name="context">The tables' shared context.</param>
    /// <param name="options">Agent settings.</param>
    /// <param name="warn">Where problems are reported.</param>
    /// <param name="envSecret">The <c>--enroll_secret_env</c> value, taken from the environment before the app started.</param>
    /// <param name="appExited">True once the app has exited: the parts that only serve a long run (the scheduler's tick
    /// thread, the status timer, the admin socket) are then skipped, so the agent drains and exits with the app instead of
    /// finishing a start nobody will use; the config, the log sinks, the response engine and the checked queries, which
    /// the drain needs to detect and log what the app did, are always set up.</param>
    public static AgentRuntime Start(TableContext context, AgentOptions options, Action<string> warn, EnrollSecret? envSecret = null, Func<bool>? appExited = null)
    {
        var runtime = new AgentRuntime(context) { appExited = appExited ?? (() => false) };
        runtime.StartAll(options, warn, envSecret);
        return runtime;
    }

    private Func<bool> appExited = () => false;

    /// <summary>Whether the start skipped its long-run parts because the app had already exited.</summary>
    public bool StartedForDrainOnly { get; private set; }

    /// <summary>Checked between the start's parts: once the app has exited, what is left only serves a long run.</summary>
    private bool DrainOnly() => StartedForDrainOnly = StartedForDrainOnly || appExited();

    private void StartAll(AgentOptions options, Action<string> warn, EnrollSecret? envSecret)
    {
        try
        {
            StartCore(options, warn, envSecret);
        }
        catch (Exception e)
        {
            warn("farquery: the scheduler could not start, the app runs on without detections: " + e.Message);
        }

        // The admin socket is independent of the scheduler: operators can still ask questions when the config is bad.
        if (!options.NoAdminSocket && !DrainOnly())
        {
            try
            {
                Admin = AdminServer.Start(() => LocalEngine.Create(Context), new AdminServerOptions { SocketPath = options.Flags.Text(FlagCatalog.Socket) });
            }
            catch (Exception e)
            {
                warn("farquery: the admin socket could not start (farquery query will run in-process): " + e.Message);
            }
        }
    }

    /// <summary>Loads a config: a path on disk, or the embedded default; its <c>options</c> go under
    /// <paramref name="flags"/>.</summary>
    public static OsqueryConfig LoadConfig(string? path, FlagValues flags)
    {
        if (path is not null)
        {
            return ConfigParser.LoadFile(path, new DiskWithEmbeddedConfigFiles(typeof(AgentRuntime).Assembly), flags);
        }

        var files = new EmbeddedConfigFiles(typeof(AgentRuntime).Assembly);
        return ConfigParser.Parse(files.ReadAllText(AgentOptions.DefaultConfig), AgentOptions.DefaultConfig, Path.GetDirectoryName(AgentOptions.DefaultConfig), files, flags);
    }

    private void StartCore(AgentOptions options, Action<string> warn, EnrollSecret? envSecret)
    {
        var flags = options.Flags;
        if (flags.Get(FlagCatalog.ConfigPlugin) == "tls" && flags.Text(FlagCatalog.TlsHostname) is null)
        {
            warn("farquery: --config_plugin=tls without --tls_hostname: running on the local config");
        }

        Config = options.PreloadedConfig ?? LoadConfig(flags.Text(FlagCatalog.ConfigPath), flags);
        PutInForce(Config, options, warn);
        StartFim(Config, warn);
        StartSyslog(Config, warn);
        StartHardwareEvents(Config, warn);
        AddLogSinks(Config.Flags, warn);
        StartResponse(Config, options, warn);

        var host = new SqlHost(TableRegistry.All, Context);
        owned.Add(host);
        hostIdentifier = HostIdentifier(Config.Flags, host);
        var formatter = new LogFormatter(hostIdentifier, Config.Flags.Bool(FlagCatalog.LoggerNumerics), Config.Flags.Bool(FlagCatalog.DecorationsTopLevel));
        CreateRemote(options, envSecret, hostIdentifier, warn);
        StartCarver(warn);
        Scheduler = new QueryScheduler(host, formatter, sinks);
        Scheduler.Apply(Config);

        // An app that has already exited needs only the drain's last run of the event queries (docs/tracer.md, "The
        // start path"); the backend still starts, so the results it is sent are not held back.
        var drainOnly = DrainOnly();
        if (!drainOnly)
        {
            Scheduler.Start();
        }

        remote?.Start();
        RegisterStatus(timer: !drainOnly);
    }

    /// <summary>osquery's <c>logger_plugin</c>: a comma list of stdout, filesystem and tls (the backend's sink is added by
    /// <see cref="CreateRemote"/>). Without the flag: stdout (unless <c>--disable_stdout_logging</c>), and files when
    /// <c>--logger_path</c> is given. <c>--disable_logging</c> turns every sink off.</summary>
    private void AddLogSinks(FlagValues flags, Action<string> warn)
    {
        if (flags.Bool(FlagCatalog.DisableLogging))
        {
            return;
        }

        var plugins = flags.Text(FlagCatalog.LoggerPlugin)?.Split(',');
        if ((plugins?.Contains("stdout") ?? true) && !flags.Bool(FlagCatalog.DisableStdoutLogging))
        {
            var stdout = new FileDescriptorStream(1);
            owned.Add(stdout);
            sinks.Add(new StreamSink("stdout", stdout));
        }

        var loggerPath = flags.Text(FlagCatalog.LoggerPath) ?? (plugins?.Contains("filesystem") == true ? DefaultLoggerPath : null);
        if (loggerPath is null || (plugins is not null && !plugins.Contains("filesystem")))
        {
            return;
        }

        try
        {
            sinks.Add(new RotatingFileSink(loggerPath, flags.Int(FlagCatalog.LoggerRotateSize), (int)Math.Clamp(flags.Int(FlagCatalog.LoggerRotateMaxFiles), 1, 1000)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"farquery: cannot write logs under {loggerPath}: {e.Message}; the other log destinations still apply");
        }
    }

    /// <summary>The response outputs and playbooks of the config's <c>response</c> section and the response flags
    /// (docs/response.md): the engine reads the result lines for alerts, so it joins the log sinks, behind a
    /// <see cref="ResponseSwitch"/> a reload swaps the engine in. At start a bad output or playbook is named and left
    /// out; the others run.</summary>
    private void StartResponse(OsqueryConfig config, AgentOptions options, Action<string> warn)
    {
        sinks.Add(response);
        ApplyResponse(config, options, warn, reload: false);

        // The tracer's refusals, queued at the syscall stop (from the spawn on), become alerts and response_actions rows
        // of the engine in force, once it exists; a reload may bring the first deny playbook.
        denials = options.Denials;
        options.Denials?.Attach(
            d => response.Denied(() => DenyPolicyBuilder.ToAlert(d, hostIdentifier, Scheduler?.CachedDecorations() ?? new Dictionary<string, string?>()), d.Decision.Enforcement.Playbook, d.Decision.Enforcement.DryRun, d.Enforced, $"{d.Syscall} {d.Decision.Detail} by {d.Name} (pid {d.Pid}) with {d.Decision.Rule.ErrnoName}"),
            warn);
    }

    /// <summary>Puts a config's response section in force (docs/response.md, "Reload"). An unchanged section (and
    /// response flags) is left alone, so a backend refreshing the same config costs nothing. A reloaded section is
    /// taken whole or not at all: any error (a bad key, an output whose secret cannot be read, a deny playbook that
    /// enforces nothing) refuses it with a status line naming the errors, and the section in force stays, outputs,
    /// playbooks and deny policy alike.</summary>
    private void ApplyResponse(OsqueryConfig config, AgentOptions options, Action<string> warn, bool reload)
    {
        var section = config.Sections.GetValueOrDefault("response");
        var flags = config.Flags;
        var key = string.Join('\n', section ?? "", flags.Text(FlagCatalog.NatsUrl), flags.Get(FlagCatalog.NatsSubjectPrefix), flags.Text(FlagCatalog.WebhookUrl), flags.Get(FlagCatalog.WebhookFormat));
        if (key == responseInForce || key == responseRefused)
        {
            return;
        }

        var settings = ResponseSettings.Parse(section, flags);
        var deny = DenyPolicyBuilder.Build(settings, settings.Errors);
        if (reload && settings.Errors.Count > 0)
        {
            RefuseResponse(key, string.Join("; ", settings.Errors), warn);
            return;
        }

        foreach (var error in settings.Errors)
        {
            warn("farquery: " + error);
        }

        var notes = new List<string>();
        if (settings.Playbooks.Any(p => p.Action == PlaybookAction.Deny) && options.Tracer is null)
        {
            notes.Add("response: deny playbooks take effect when the app is next started (the tracer's policy and filter are set at the start, from --config_path)");
        }
        else if (deny?.NeedsExecStops == true && options.Tracer?.TraceExecEntry == false)
        {
            notes.Add($"response: deny of {string.Join(", ", deny.Checks.Where(c => c is DenyCheck.ExecFromDevShm or DenyCheck.ExecFromMemfd))} takes effect when the app is next started (execve stops at its entry only when a deny playbook asks for it at the spawn); the other checks are in force");
        }

        // Secrets and CA files are read now: an output that cannot be built refuses a reloaded section.
        var problems = new List<string>();
        var outputs = ResponseBuilder.Outputs(settings, m => problems.Add(m));
        if (reload && outputs.Count < settings.Outputs.Count)
        {
            foreach (var o in outputs)
            {
                o.Dispose();
            }

            RefuseResponse(key, string.Join("; ", problems.Select(p => p.Replace("farquery: ", "", StringComparison.Ordinal))), warn);
            return;
        }

        foreach (var problem in problems)
        {
            warn(problem);
        }

        // Snapshots query on their own connection, so they never wait behind a scheduled query; engines share it.
        if (settings.Playbooks.Any(p => p.Action == PlaybookAction.Snapshot) && forensics is null)
        {
            var host = new SqlHost(TableRegistry.All, Context);
            owned.Add(host);
            forensics = new SqlForensics(host);
        }

        var engine = outputs.Count + settings.Playbooks.Count == 0 ? null : new ResponseEngine(outputs, settings.Playbooks, options.Actuator, a =>
        {
            ResponseActionsTable.Add(Context, a.UnixTime, a.Playbook, a.Action, a.Rule, a.Pid, a.Outcome, a.Detail);
            var line = $"response: playbook {a.Playbook}: {a.Action} {a.Outcome}: {a.Detail} (rule: {a.Rule})";
            Scheduler?.Status(a.Outcome is "failed" ? 1 : 0, line);
            warn("farquery: " + line);
        }, warn, forensics: forensics);

        // The deny policy first, then the engine: checks at the syscall stop need no SQL and no engine to refuse.
        if (reload && options.Tracer is { } tracer)
        {
            tracer.Deny = deny;
        }

        responseInForce = key;
        responseRefused = null;
        var lost = response.Swap(engine, ResponseSwitch.RetireGrace, reload);
        foreach (var note in notes)
        {
            warn("farquery: " + note);
            Scheduler?.Status(1, note);
        }

        if (reload)
        {
            var line = $"response: reloaded section in force: {outputs.Count} outputs ({string.Join(", ", outputs.Select(o => o.Name))}), {settings.Playbooks.Count} playbooks, deny checks: {(deny is null ? "none" : string.Join(", ", deny.Checks))}; the replaced outputs dropped {lost} alerts";
            warn("farquery: " + line);
            Scheduler?.Status(lost > 0 ? 1 : 0, line);
        }
    }

    /// <summary>A reloaded response section with errors: named in a status line (severity error) and on stderr, kept
    /// in <c>farquery status</c> and osquery_events; the section in force stays.</summary>
    private void RefuseResponse(string key, string errors, Action<string> warn)
    {
        responseRefused = key;
        response.Refused(errors);
        var line = "response: the reloaded response section is refused, the previous one stays in force: " + errors;
        warn("farquery: " + line);
        Scheduler?.Status(2, line);
    }

    private readonly ResponseSwitch response = new();
    private string? responseInForce;
    private string? responseRefused;
    private SqlForensics? forensics;

    private string hostIdentifier = Environment.MachineName;
    private DenialRelay? denials;

    /// <summary>osquery's default <c>logger_path</c>, used by <c>logger_plugin=filesystem</c> without one.</summary>
    public const string DefaultLoggerPath = "/var/log/osquery";

    /// <summary>A config goes into force: its flags become what osquery_flags shows and what the event buffers follow,
    /// and the tracer hears of it.</summary>
    private void PutInForce(OsqueryConfig config, AgentOptions options, Action<string> warn)
    {
        var flags = config.Flags;
        Context.Services.Set(flags);
        SetYara(config, warn);
        Context.Services.Set(PrometheusTargets.FromSection(config.Sections.GetValueOrDefault(PrometheusTargets.Key)));
        Context.Events.Configure((int)Math.Clamp(flags.Int(FlagCatalog.EventsMax), 1, int.MaxValue), flags.Seconds(FlagCatalog.EventsExpiry), flags.Bool(FlagCatalog.DisableEvents));
        Announce(options, config, warn);
    }

    /// <summary>The config's <c>yara</c> section (signature groups, FIM categories to scan) for the yara and yara_events
    /// tables; a section that is not valid JSON costs only YARA, with a warning.</summary>
    private void SetYara(OsqueryConfig config, Action<string> warn)
    {
        try
        {
            Context.Services.Set(config.Sections.TryGetValue("yara", out var yara) ? YaraConfiguration.FromJson(yara) : new YaraConfiguration());
        }
        catch (JsonException e)
        {
            warn("farquery: the config's yara section is ignored: " + e.Message);
        }
    }

    /// <summary>Hands a config in force to <see cref="AgentOptions.OnConfig"/>; its failure costs only that.</summary>
    private static void Announce(AgentOptions options, OsqueryConfig config, Action<string> warn)
    {
        try
        {
            options.OnConfig?.Invoke(config);
        }
        catch (Exception e)
        {
            warn("farquery: applying the config's tracer options failed: " + e.Message);
        }
    }

    /// <summary>The TLS backend: its log sink joins the others before the scheduler starts (so results are buffered while
    /// it enrolls), and a fetched config is merged over the local one (the embedded detections keep running next to the
    /// backend's packs). A failure here costs only the backend.</summary>
    private void CreateRemote(AgentOptions options, EnrollSecret? envSecret, string hostIdentifier, Action<string> warn)
    {
        var flags = Config!.Flags;
        if (RemoteOptions.FromFlags(flags) is not { } remoteOptions)
        {
            return;
        }

        try
        {
            var source = new EnrollSecretSource
            {
                SsmParameter = flags.Text(FlagCatalog.EnrollSecretSsmParameter),
                Path = flags.Text(FlagCatalog.EnrollSecretPath),
                FromEnvironment = envSecret,
            };
            if (!source.IsConfigured)
            {
                warn("farquery: no enroll secret source (--enroll_secret_ssm_parameter, --enroll_secret_path, --enroll_secret_env): enrolling with an empty secret");
            }

            // Distributed queries and host details get their own connection so they never wait behind a scheduled query.
            remoteHost = new SqlHost(TableRegistry.All, Context);
            owned.Add(remoteHost);
            var local = Config!;
            var verbose = flags.Bool(FlagCatalog.Verbose);
            remote = RemoteAgent.Create(remoteOptions, source, remoteHost, hostIdentifier, c =>
            {
                var merged = ConfigParser.Merge(local, c);
                Scheduler?.Apply(merged);
                Config = merged;
                PutInForce(merged, options, warn);
                ApplyResponse(merged, options, warn, reload: true);
                if (verbose)
                {
                    warn($"farquery: config from the backend in force: {merged.Packs.Count} packs, {merged.AllQueries.Count()} queries, hash {merged.Hash}");
                }

                // A backend's pack may be the first to read hardware_events.
                StartHardwareEvents(merged, warn);
                return merged;
            }, warn);
            if (remote.LogSink is not null && !flags.Bool(FlagCatalog.DisableLogging))
            {
                sinks.Add(remote.LogSink);
            }
        }
        catch (Exception e)
        {
            warn("farquery: the TLS backend is off: " + e.Message);
            remote?.Dispose();
            remote = null;
        }
    }

    /// <summary>The file carver (docs/osquery-compat.md §2.6), before any query can ask for a carve: it uploads through
    /// the TLS backend when there is one, and without one lists and refuses requests with that reason.</summary>
    private void StartCarver(Action<string> warn)
    {
        carver = new Carver(Context, remote is null ? null : new TlsCarveUploader(remote.Client), warn);
        Context.Services.Set(carver);
        StatusSources.Of(Context).Add("carver", carver.Status);
    }

    /// <summary>Starts file integrity monitoring for the config's <c>file_paths</c> (docs/osquery-compat.md §3.6); problems with single
    /// paths are reported by the publisher in <c>osquery_events</c>, and a refused inotify only costs FIM.</summary>
    private void StartFim(OsqueryConfig config, Action<string> warn)
    {
        if (config.FilePaths.Count == 0 || !config.Flags.Bool(FlagCatalog.EnableFileEvents) || config.Flags.Bool(FlagCatalog.DisableEvents))
        {
            return;
        }

        var fimConfig = new FimConfiguration { MaxHashFileBytes = config.Flags.Int(FlagCatalog.ReadMax) };
        foreach (var (category, patterns) in config.FilePaths)
        {
            foreach (var pattern in patterns)
            {
                fimConfig.AddPath(category, pattern);
            }
        }

        foreach (var (category, patterns) in config.ExcludePaths)
        {
            foreach (var pattern in patterns)
            {
                fimConfig.Exclude(category, pattern);
            }
        }

        foreach (var category in config.FileAccesses)
        {
            fimConfig.TrackAccesses(category);
        }

        // yara_events scans what this publisher reports for the categories the yara section names: no second watcher.
        var publisher = new InotifyPublisher(Context, fimConfig, new FileEventsSubscriber(Context));
        if (Context.Services.Get<YaraConfiguration>() is { FilePaths.Count: > 0 })
        {
            publisher.Subscribe(new YaraEventsSubscriber(Context));
        }

        if (!publisher.SetUp())
        {
            warn("farquery: file integrity monitoring is off: " + publisher.StatusMessage);
            publisher.Dispose();
            return;
        }

        // The watches are added on the publisher's thread: a large tree must not delay the scheduler or the exit.
        fim = publisher;
        publisher.StartAndConfigure();
    }

    /// <summary>With <c>--enable_syslog</c>, binds the syslog socket the app logs to and starts the publisher behind
    /// <c>syslog_events</c> (docs/events.md); a refused bind only costs this table, and the publisher's status in
    /// <c>osquery_events</c> says why.</summary>
    private void StartSyslog(OsqueryConfig config, Action<string> warn)
    {
        if (!config.Flags.Bool(FlagCatalog.EnableSyslog) || config.Flags.Bool(FlagCatalog.DisableEvents))
        {
            return;
        }

        var publisher = new SyslogPublisher(Context, config.Flags.Get(FlagCatalog.SyslogSocketPath), new SyslogEventsSubscriber(Context));
        if (!publisher.SetUp())
        {
            warn("farquery: syslog_events is off: " + publisher.StatusMessage);
            return;
        }

        syslog = publisher;
        publisher.Start();
    }

    /// <summary>Starts the uevent publisher behind <c>hardware_events</c>, only when a scheduled query reads that table
    /// (hardware-monitoring.conf does): the socket and thread cost nothing otherwise. Called for the local config and
    /// again for each config from the backend; it starts once. A refused socket only costs this table (it is not
    /// retried); the publisher's status in <c>osquery_events</c> says why.</summary>
    private void StartHardwareEvents(OsqueryConfig config, Action<string> warn)
    {
        if (config.Flags.Bool(FlagCatalog.DisableEvents) || !config.AllQueries.Any(q => ReadsTable(q.Sql, HardwareEventsTable.Spec.Name)))
        {
            return;
        }

        lock (hardwareEventsGate)
        {
            if (hardwareEvents is not null || disposed)
            {
                return;
            }

            hardwareEvents = new UdevPublisher(Context, new HardwareEventsSubscriber(Context));
            if (!hardwareEvents.SetUp())
            {
                warn("farquery: hardware_events is off: " + hardwareEvents.StatusMessage);
                return;
            }

            hardwareEvents.Start();
        }
    }

    /// <summary>Whether <paramref name="sql"/> names <paramref name="table"/> as a whole word (case-insensitive, as
    /// SQLite reads names); a mention in a string literal counts too, which only starts a publisher needlessly.</summary>
    internal static bool ReadsTable(string sql, string table) => SqlWords.Mentions(sql, table);

    /// <summary>What <c>farquery status</c> shows of the scheduler and the log sinks.</summary>
    private void RegisterStatus(bool timer)
    {
        var sources = StatusSources.Of(Context);
        sources.Add("native_libraries", NativeLibraryStatus.Lines);
        sources.Add("scheduler", () =>
        {
            var state = Context.Services.Get<ScheduleState>();
            var queries = state?.Queries ?? [];
            var list = new List<KeyValuePair<string, object?>>
            {
                new("config", Config?.Hash ?? ""),
                new("packs", (long)(state?.Packs.Count ?? 0)),
                new("active_packs", (long)(state?.Packs.Count(p => p.Active) ?? 0)),
                new("queries", (long)queries.Count),
                new("denylisted", (long)queries.Count(q => q.Denylisted)),
                new("ticks", Scheduler?.Ticks ?? 0),
            };
            foreach (var q in queries.Where(q => q.LastExecuted > 0).OrderByDescending(q => q.LastExecuted).Take(5))
            {
                list.Add(new("last_run " + q.Name, $"{DateTimeOffset.FromUnixTimeSeconds(q.LastExecuted):u} rows={q.LastRows} wall={q.LastWallTimeMs}ms"));
            }

            return list;
        });
        sources.Add("logger", () => [.. sinks.Select(s => new KeyValuePair<string, object?>(s.Name + "_dropped", s.Dropped))]);
        sources.Add("agent", () => [new("core_dumps", Interop.Libc.prctl(Interop.Libc.PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? "off" : "on")]);

        if (remote is not null)
        {
            sources.Add("remote", remote.Status);
        }

        sources.Add("response", response.Status);
        if (!timer)
        {
            return;
        }

        // Log lines lost to a full pipe or disk are counted where every other drop is: osquery_events.
        var publishers = new Timer(_ =>
        {
            var logs = sinks.Where(s => s != response).ToList();
            Context.Events.SetPublisher(new PublisherStatus("logger", logs.Count > 0, "result and status logs to " + string.Join(", ", logs.Select(s => s.Name)), logs.Sum(s => s.Dropped)));
            if (response.Engine is not null || response.Reloads + response.Refusals > 0)
            {
                // Alerts a full buffer, a refusing destination or a reload lost are counted where every other drop is;
                // a refused reload is named there too.
                var outputs = response.Engine?.Outputs ?? [];
                var refused = response.LastError.Length > 0 ? "; reloaded section refused: " + response.LastError : "";
                Context.Events.SetPublisher(new PublisherStatus("response", outputs.Count > 0, "alerts to " + string.Join(", ", outputs.Select(o => $"{o.Name} (sent {o.Sent}, pending {o.Pending})")) + refused, response.Dropped));
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        owned.Insert(0, publishers);
    }

    /// <summary>osquery's <c>host_identifier</c>: hostname (default), uuid, instance, ephemeral or specified, plus
    /// <c>ecs</c>: the task ARN and this container's name (unique per container of a Fargate task, where hostnames are
    /// not).</summary>
    private string HostIdentifier(FlagValues flags, SqlHost host) => flags.Get(FlagCatalog.HostIdentifier) switch
    {
        "instance" => Context.Agent.InstanceId,
        "ephemeral" => Guid.NewGuid().ToString(),
        "specified" => flags.Text(FlagCatalog.SpecifiedIdentifier) ?? Environment.MachineName,
        "uuid" => SystemUuid(host) ?? Context.Agent.InstanceId,
        "ecs" => EcsIdentifier(host) ?? Environment.MachineName,
        _ => Environment.MachineName,
    };

    /// <summary><c>&lt;task ARN&gt;/&lt;container name&gt;</c> from the ECS tables, or null outside ECS.</summary>
    private static string? EcsIdentifier(SqlHost host)
    {
        try
        {
            var rows = host.Query("SELECT task_arn, name FROM ecs_metadata WHERE is_self = 1 LIMIT 1", TimeSpan.FromSeconds(10), 1).Rows;
            return rows.Count == 1 && rows[0][0] is string arn && arn.Length > 0 ? arn + "/" + rows[0][1] : null;
        }
        catch (SqlQueryException)
        {
            return null;
        }
    }

    /// <summary>system_info.uuid (DMI, machine-id or boot id, as the table reads it), so the identifier matches what the
    /// table reports; null when the table has none.</summary>
    private static string? SystemUuid(SqlHost host)
    {
        try
        {
            var rows = host.Query("SELECT uuid FROM system_info", TimeSpan.FromSeconds(10), 1).Rows;
            return rows.Count == 1 && rows[0][0] is string uuid && uuid.Length > 0 ? uuid : null;
        }
        catch (SqlQueryException)
        {
            return null;
        }
    }

    /// <summary>Called when the app has exited: interrupts every running query (operators', distributed, scheduled),
    /// stops the tick thread, runs the event queries a last time so what the app did in its last second is still
    /// reported, and waits for the logs to be written; all within <paramref name="budget"/>.</summary>
    public void Drain(TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Admin?.StopQueries();
            remoteHost?.Interrupt();

            // The tick thread ends before the last run, so the two never share the connection. A tick that does not end
            // costs the last run, not the flush of what is already queued below.
            if (Scheduler?.Stop(budget / 4) is not false)
            {
                // The app's last file changes may still sit in the inotify queue: read them before the last run.
                fim?.CatchUp(budget / 4);

                var left = budget - clock.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    using var deadline = new CancellationTokenSource();
                    using var timer = Deadline.CancelAfter(deadline, left);
                    Scheduler?.RunEventQueries(deadline.Token);
                }
            }
        }
        catch (Exception)
        {
            // Draining is best effort; the app's exit code must still be returned.
        }

        denials?.Flush(TimeSpan.FromMilliseconds(50));
        foreach (var s in sinks.ToArray())
        {
            var left = budget - clock.Elapsed;
            s.Flush(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            // Its workers are interrupted first thing, so this is short; the bound keeps a stuck client from holding the exit.
            Admin?.DisposeAsync().AsTask().Wait(TimeSpan.FromMilliseconds(500));
        }
        catch (Exception)
        {
            // Removing the socket file is best effort at exit.
        }

        remoteHost?.Interrupt();
        Scheduler?.Dispose();
        fim?.Dispose();
        syslog?.Dispose();
        lock (hardwareEventsGate)
        {
            disposed = true;
            hardwareEvents?.Dispose();
        }

        foreach (var s in sinks.ToArray())
        {
            s.Dispose();
        }

        // The carver first: a carve still sending stops before the backend's client goes away under it.
        carver?.Dispose();
        remote?.Dispose();
        denials?.Dispose();

        foreach (var d in owned.ToArray())
        {
            d.Dispose();
        }
    }
}
