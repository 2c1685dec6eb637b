// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>Every flag the agent knows, declared once (docs/flags.md). The command line, the flagfile, the environment
/// and a config's <c>options</c> all set these; osquery_flags lists them; each part of the agent reads the ones it
/// needs from a <see cref="FlagValues"/>. Names and defaults are osquery's where osquery has the flag; where
/// FarQuery's default differs, the description says so and why.</summary>
public static class FlagCatalog
{
    private const string Startup = "startup", Runtime = "runtime";

    private static readonly List<Flag> Declared = [];

    // --- Where the config comes from and where results go -------------------------------------------------------------

    /// <summary><c>--flagfile</c>.</summary>
    public static readonly Flag Flagfile = S("flagfile", "", Startup, "Read more flags from this file: one per line, --name=value or --name value, # comments; the command line wins over it");

    /// <summary><c>--config_path</c>.</summary>
    public static readonly Flag ConfigPath = S("config_path", "", Startup, "osquery config file (JSON: options, schedule, packs, decorators, file_paths); default: the embedded detection packs");

    /// <summary><c>--config_plugin</c>.</summary>
    public static readonly Flag ConfigPlugin = S("config_plugin", "", Startup, "Where the config comes from: filesystem (--config_path or the embedded packs) or tls (the backend, merged over the local config); default: tls when --tls_hostname is set, else filesystem", choices: ["filesystem", "tls"]);

    /// <summary><c>--config_refresh</c>.</summary>
    public static readonly Flag ConfigRefresh = U32("config_refresh", 0, Runtime, "Seconds between config fetches from the backend (0: at start only)", aliases: ["config_tls_refresh"]);

    /// <summary><c>--config_accelerated_refresh</c>.</summary>
    public static readonly Flag ConfigAcceleratedRefresh = U32("config_accelerated_refresh", 300, Runtime, "Seconds between config fetches after a failed one", aliases: ["config_tls_accelerated_refresh"]);

    /// <summary><c>--config_tls_max_attempts</c>.</summary>
    public static readonly Flag ConfigTlsMaxAttempts = U32("config_tls_max_attempts", 3, Runtime, "Quick retries of the first config fetch before waiting --config_accelerated_refresh");

    /// <summary><c>--logger_plugin</c>.</summary>
    public static readonly Flag LoggerPlugin = S("logger_plugin", "", Startup, "Where result and status logs go, a comma list of stdout, filesystem (--logger_path) and tls (the backend); default: stdout, plus tls when --tls_hostname is set and filesystem when --logger_path is", choices: ["stdout", "filesystem", "tls"], list: true);

    /// <summary><c>--logger_path</c>.</summary>
    public static readonly Flag LoggerPath = S("logger_path", "", Runtime, "Directory of the filesystem logger's rotated files (osqueryd.results.log, osqueryd.snapshots.log); with logger_plugin=filesystem and no path: /var/log/osquery");

    /// <summary><c>--logger_rotate_size</c>.</summary>
    public static readonly Flag LoggerRotateSize = U64("logger_rotate_size", 25L * 1024 * 1024, Runtime, "Bytes after which a log file is rotated");

    /// <summary><c>--logger_rotate_max_files</c>.</summary>
    public static readonly Flag LoggerRotateMaxFiles = U64("logger_rotate_max_files", 5, Runtime, "Rotated log files kept");

    /// <summary><c>--disable_logging</c>.</summary>
    public static readonly Flag DisableLogging = B("disable_logging", false, Runtime, "Write no result or status logs anywhere (queries still run; the admin socket still answers)");

    /// <summary><c>--disable_stdout_logging</c>.</summary>
    public static readonly Flag DisableStdoutLogging = B("disable_stdout_logging", false, Startup, "FarQuery: do not write result lines to stdout (files or the backend only)");

    /// <summary><c>--logger_numerics</c>.</summary>
    public static readonly Flag LoggerNumerics = B("logger_numerics", false, Runtime, "Write numeric columns as JSON numbers", aliases: ["log_numerics_as_numbers"]);

    /// <summary><c>--logger_event_type</c>.</summary>
    public static readonly Flag LoggerEventType = B("logger_event_type", true, Runtime, "Log differential results one row per line (added/removed) rather than batched");

    /// <summary><c>--decorations_top_level</c>.</summary>
    public static readonly Flag DecorationsTopLevel = B("decorations_top_level", false, Runtime, "Put decorations at the top level of each log line instead of under \"decorations\"");

    /// <summary><c>--disable_decorators</c>.</summary>
    public static readonly Flag DisableDecorators = B("disable_decorators", false, Runtime, "Do not run the config's decorator queries");

    /// <summary><c>--verbose</c>.</summary>
    public static readonly Flag Verbose = B("verbose", false, Runtime, "Also write informational messages (flags in force, enrollment, config fetches) to stderr");

    // --- Scheduling --------------------------------------------------------------------------------------------------

    /// <summary><c>--pack_delimiter</c>.</summary>
    public static readonly Flag PackDelimiter = S("pack_delimiter", "_", Runtime, "Delimiter between pack name and query name in scheduled query names");

    /// <summary><c>--pack_refresh_interval</c>.</summary>
    public static readonly Flag PackRefreshInterval = U64("pack_refresh_interval", 3600, Runtime, "Seconds between runs of a pack's discovery queries");

    /// <summary><c>--schedule_splay_percent</c>.</summary>
    public static readonly Flag ScheduleSplayPercent = U64("schedule_splay_percent", 10, Runtime, "Percent of its interval by which a scheduled query's start is spread");

    /// <summary><c>--schedule_default_interval</c>.</summary>
    public static readonly Flag ScheduleDefaultInterval = U64("schedule_default_interval", 3600, Runtime, "Interval of a scheduled query that gives none, in seconds");

    /// <summary><c>--schedule_epoch</c>.</summary>
    public static readonly Flag ScheduleEpoch = U64("schedule_epoch", 0, Runtime, "Epoch written into every result line (counter of schedule restarts)");

    /// <summary><c>--table_delay</c>.</summary>
    public static readonly Flag TableDelay = U32("table_delay", 0, Runtime, "Milliseconds to pause before each scheduled query runs (spreads the load of a large pack; osquery pauses between table scans)");

    /// <summary><c>--event_query_delay_ms</c>.</summary>
    public static readonly Flag EventQueryDelayMs = U32("event_query_delay_ms", 15, Runtime, "FarQuery: milliseconds after new events before the scheduled queries over event tables run (detection latency; events of that window go in one run); 0: only at their interval, as osquery");

    /// <summary><c>--host_identifier</c>.</summary>
    public static readonly Flag HostIdentifier = S("host_identifier", "hostname", Runtime, "What identifies this host in logs and at enrollment: hostname, uuid, instance, ephemeral, specified, or ecs (task ARN/container name)", choices: ["hostname", "uuid", "instance", "ephemeral", "specified", "ecs"]);

    /// <summary><c>--specified_identifier</c>.</summary>
    public static readonly Flag SpecifiedIdentifier = S("specified_identifier", "", Runtime, "Identifier for --host_identifier=specified");

    // --- Events ------------------------------------------------------------------------------------------------------

    /// <summary><c>--disable_events</c>.</summary>
    public static readonly Flag DisableEvents = B("disable_events", false, Runtime, "Keep no events: the event tables stay empty (the app is still started under the tracer, which forwards its signals)");

    /// <summary><c>--enable_file_events</c>.</summary>
    public static readonly Flag EnableFileEvents = B("enable_file_events", true, Runtime, "Watch the config's file_paths with inotify (FarQuery: on by default, osquery: off; set false to turn FIM off)");

    /// <summary><c>--events_expiry</c>.</summary>
    public static readonly Flag EventsExpiry = U64("events_expiry", 3600, Runtime, "Seconds an event stays in its table's buffer");

    /// <summary><c>--events_max</c>.</summary>
    public static readonly Flag EventsMax = U64("events_max", 50_000, Runtime, "Most events kept per event table (the oldest are dropped and counted in osquery_events)");

    /// <summary><c>--read_max</c>.</summary>
    public static readonly Flag ReadMax = U64("read_max", 50L * 1024 * 1024, Runtime, "Largest file, in bytes, file integrity monitoring hashes");

    /// <summary><c>--augeas_lenses</c>.</summary>
    public static readonly Flag AugeasLenses = S("augeas_lenses", "", Runtime, "Directory of the augeas table's lenses (osquery: /opt/osquery/share/osquery/lenses); empty: libaugeas's own load path (Debian's augeas-lenses)");

    /// <summary><c>--trace_read_opens</c>.</summary>
    public static readonly Flag TraceReadOpens = B("trace_read_opens", false, Runtime, "FarQuery: also record read-only opens in process_file_events (every open then stops the app: slower); fixed when the app starts");

    /// <summary><c>--enable_sensitive_reads</c>.</summary>
    public static readonly Flag EnableSensitiveReads = B("enable_sensitive_reads", true, Runtime, "FarQuery: report reads of sensitive files and of /proc/<pid>/environ without a stop per open (inotify watches, docs/tracer.md section 5); false turns the watches off; fixed when the app starts");

    /// <summary><c>--tracer_spin_us</c>.</summary>
    public static readonly Flag TracerSpinUs = U64("tracer_spin_us", 0, Runtime, "FarQuery: microseconds the tracer polls for the app's next stop before it sleeps, which can save a CPU wake-up per stop of a burst at the price of the polling's CPU (docs/tracer.md section 6); used only when the task may run on two CPUs at once (affinity and cgroup CPU quota); 0 (the default) turns it off; fixed when the app starts");

    /// <summary><c>--tracer_spawn</c>.</summary>
    public static readonly Flag TracerSpawn = S("tracer_spawn", "direct", Runtime, "FarQuery: how farquery run starts the app: direct (the default: a clone of the tracer thread, seized before it installs the seccomp filter and execs the app) or stub (farquery re-executed as a small stub that does the same, one more exec at the app's start); direct falls back to stub when it fails, and a deny playbook that refuses execs always uses stub (docs/tracer.md section 3.8); fixed when the app starts", choices: ["direct", "stub"]);

    /// <summary><c>--capture_env</c>.</summary>
    public static readonly Flag CaptureEnv = B("capture_env", false, Runtime, "FarQuery: record each exec's environment in process_events.env");

    /// <summary><c>--exit_timeout_ms</c>.</summary>
    public static readonly Flag ExitTimeoutMs = U32("exit_timeout_ms", 1000, Startup, "FarQuery: milliseconds the agent may take once the app has exited (half of them for the last run of the event queries and the log flush) before it exits with the app's code whatever is still running; 100 to 120000 (ECS waits for the container's stopTimeout, 30 s by default)");

    /// <summary><c>--print_events</c>.</summary>
    public static readonly Flag PrintEvents = B("print_events", false, Startup, "FarQuery: at exit, print every buffered event row to stderr as JSON lines (debugging)");

    /// <summary><c>--enable_syslog</c>.</summary>
    public static readonly Flag EnableSyslog = B("enable_syslog", false, Startup, "Fill syslog_events: the agent binds the syslog datagram socket (--syslog_socket_path) as it starts, next to the app, and reads what the app logs to it (osquery reads rsyslog's pipe; a task has no syslog daemon)");

    /// <summary><c>--syslog_socket_path</c>.</summary>
    public static readonly Flag SyslogSocketPath = S("syslog_socket_path", "/dev/log", Startup, "FarQuery: the unix datagram socket --enable_syslog binds (an existing socket file there is replaced)");

    // --- Tables that make requests -----------------------------------------------------------------------------------

    /// <summary><c>--curl_timeout</c>.</summary>
    public static readonly Flag CurlTimeout = U32("curl_timeout", 5, Runtime, "FarQuery: seconds the curl and curl_certificate tables wait for one request or handshake (the query's deadline also applies)");

    // --- The agent itself --------------------------------------------------------------------------------------------

    /// <summary><c>--memory_budget</c>.</summary>
    public static readonly Flag MemoryBudget = U64("memory_budget", 0, Startup, "FarQuery: MiB the agent may spend on queries, event and log buffers (0: 15% of the container's memory limit, at most 150; docs/memory.md)");

    /// <summary><c>--socket</c>.</summary>
    public static readonly Flag Socket = S("socket", "", Startup, "FarQuery: path of the admin socket farquery query and shell talk to (default: /var/run/farquery.sock, or a per-user path)");

    // --- The TLS backend ---------------------------------------------------------------------------------------------

    /// <summary><c>--tls_hostname</c>.</summary>
    public static readonly Flag TlsHostname = S("tls_hostname", "", Startup, "TLS backend host[:port] (Fleet, osctrl, ...); turns on enrollment and the tls plugins");

    /// <summary><c>--enroll_tls_endpoint</c>.</summary>
    public static readonly Flag EnrollTlsEndpoint = S("enroll_tls_endpoint", "/api/v1/osquery/enroll", Startup, "Enroll endpoint (FarQuery defaults to Fleet's paths)");

    /// <summary><c>--config_tls_endpoint</c>.</summary>
    public static readonly Flag ConfigTlsEndpoint = S("config_tls_endpoint", "/api/v1/osquery/config", Startup, "Config endpoint (empty: no remote config)");

    /// <summary><c>--logger_tls_endpoint</c>.</summary>
    public static readonly Flag LoggerTlsEndpoint = S("logger_tls_endpoint", "/api/v1/osquery/log", Runtime, "Logger endpoint (empty: no TLS logging)");

    /// <summary><c>--distributed_tls_read_endpoint</c>.</summary>
    public static readonly Flag DistributedTlsReadEndpoint = S("distributed_tls_read_endpoint", "/api/v1/osquery/distributed/read", Runtime, "Distributed query read endpoint (empty: no distributed queries)");

    /// <summary><c>--distributed_tls_write_endpoint</c>.</summary>
    public static readonly Flag DistributedTlsWriteEndpoint = S("distributed_tls_write_endpoint", "/api/v1/osquery/distributed/write", Runtime, "Distributed query write endpoint");

    /// <summary><c>--tls_server_certs</c>.</summary>
    public static readonly Flag TlsServerCerts = S("tls_server_certs", "", Startup, "PEM bundle of the CAs trusted for the backend (default: the system store)");

    /// <summary><c>--tls_client_cert</c>.</summary>
    public static readonly Flag TlsClientCert = S("tls_client_cert", "", Startup, "PEM client certificate (mTLS)");

    /// <summary><c>--tls_client_key</c>.</summary>
    public static readonly Flag TlsClientKey = S("tls_client_key", "", Startup, "PEM client key (mTLS)");

    /// <summary><c>--tls_dump</c>.</summary>
    public static readonly Flag TlsDump = B("tls_dump", false, Runtime, "Print each backend request's endpoint and status, and the response body, to stderr (secrets and node keys redacted)");

    /// <summary><c>--tls_enroll_max_attempts</c>.</summary>
    public static readonly Flag TlsEnrollMaxAttempts = U32("tls_enroll_max_attempts", 12, Startup, "Enrollment attempts per round (0: no limit)");

    /// <summary><c>--tls_enroll_max_interval</c>.</summary>
    public static readonly Flag TlsEnrollMaxInterval = U32("tls_enroll_max_interval", 600, Startup, "Longest wait between enrollment attempts, in seconds");

    /// <summary><c>--logger_tls_period</c>.</summary>
    public static readonly Flag LoggerTlsPeriod = U64("logger_tls_period", 4, Runtime, "Seconds between log uploads");

    /// <summary><c>--logger_tls_max_lines</c>.</summary>
    public static readonly Flag LoggerTlsMaxLines = U64("logger_tls_max_lines", 1024, Runtime, "Log lines per upload");

    /// <summary><c>--logger_tls_max_linesize</c>.</summary>
    public static readonly Flag LoggerTlsMaxLinesize = U64("logger_tls_max_linesize", 1024 * 1024, Runtime, "Longest log line uploaded, in bytes (longer ones are dropped and counted)");

    /// <summary><c>--logger_tls_compress</c>.</summary>
    public static readonly Flag LoggerTlsCompress = B("logger_tls_compress", false, Startup, "gzip log uploads");

    /// <summary><c>--logger_tls_backoff_max</c>.</summary>
    public static readonly Flag LoggerTlsBackoffMax = U64("logger_tls_backoff_max", 3600, Startup, "Longest wait between failed log uploads, in seconds");

    /// <summary><c>--buffered_log_max</c>.</summary>
    public static readonly Flag BufferedLogMax = U64("buffered_log_max", 100_000, Startup, "Log lines kept per log type while the backend is away; the oldest are dropped and counted past it (osquery: 1,000,000 on disk; FarQuery keeps them in memory, within the memory budget)");

    /// <summary><c>--tls_disable_status_log</c>.</summary>
    public static readonly Flag TlsDisableStatusLog = B("tls_disable_status_log", false, Startup, "Do not send status logs to the backend");

    /// <summary><c>--distributed_plugin</c>.</summary>
    public static readonly Flag DistributedPlugin = S("distributed_plugin", "tls", Runtime, "Where distributed (live) queries come from: tls", choices: ["tls"]);

    /// <summary><c>--disable_distributed</c>.</summary>
    public static readonly Flag DisableDistributed = B("disable_distributed", false, Runtime, "Answer no distributed (live) queries (FarQuery: false by default when --tls_hostname is set, osquery: true)");

    /// <summary><c>--distributed_interval</c>.</summary>
    public static readonly Flag DistributedInterval = U64("distributed_interval", 60, Runtime, "Seconds between distributed query reads");

    /// <summary><c>--distributed_tls_max_attempts</c>.</summary>
    public static readonly Flag DistributedTlsMaxAttempts = U32("distributed_tls_max_attempts", 3, Runtime, "Attempts to write a distributed query's results before they are dropped");

    /// <summary><c>--enroll_secret_path</c>.</summary>
    public static readonly Flag EnrollSecretPath = S("enroll_secret_path", "", Startup, "File holding the enroll secret");

    /// <summary><c>--enroll_secret_env</c>.</summary>
    public static readonly Flag EnrollSecretEnv = S("enroll_secret_env", "", Startup, "Environment variable holding the enroll secret (taken out of the environment before the app starts)");

    /// <summary><c>--enroll_secret_ssm_parameter</c>.</summary>
    public static readonly Flag EnrollSecretSsmParameter = S("enroll_secret_ssm_parameter", "", Startup, "FarQuery: SSM Parameter Store name, path or ARN of the enroll secret (SecureString, read with the task role)");

    /// <summary><c>--node_key_path</c>.</summary>
    public static readonly Flag NodeKeyPath = S("node_key_path", "", Startup, "FarQuery: keep the node key in this file (mode 0600) across restarts; default: memory only");

    /// <summary><c>--disable_reenrollment</c>.</summary>
    public static readonly Flag DisableReenrollment = B("disable_reenrollment", false, Startup, "Keep the node key when the backend answers node_invalid");

    /// <summary><c>--enroll_always</c>.</summary>
    public static readonly Flag EnrollAlways = B("enroll_always", false, Startup, "Enroll at start even with a stored node key");

    // --- Response (docs/response.md) ----------------------------------------------------------------------------------

    /// <summary><c>--nats_url</c>.</summary>
    public static readonly Flag NatsUrl = S("nats_url", "", Startup, "FarQuery: publish every alert as JSON to this NATS broker (nats://host:4222), on <prefix>.<priority>.<rule>; the config's response section routes and adds playbooks");

    /// <summary><c>--nats_subject_prefix</c>.</summary>
    public static readonly Flag NatsSubjectPrefix = S("nats_subject_prefix", "farquery", Startup, "FarQuery: first token of the NATS subjects --nats_url publishes on");

    /// <summary><c>--webhook_url</c>.</summary>
    public static readonly Flag WebhookUrl = S("webhook_url", "", Startup, "FarQuery: POST every alert to this URL (https; http only on loopback)");

    /// <summary><c>--webhook_format</c>.</summary>
    public static readonly Flag WebhookFormat = S("webhook_format", "json", Startup, "FarQuery: the --webhook_url body: json (FarQuery's alert) or slack (text and blocks)", choices: ["json", "slack"]);

    // --- File carving (docs/osquery-compat.md §2.6) -------------------------------------------------------------------

    /// <summary><c>--disable_carver</c>.</summary>
    public static readonly Flag DisableCarver = B("disable_carver", true, Runtime, "Turn file carving off (select * from carves where carve = 1 and path = ... then starts nothing)");

    /// <summary><c>--carver_disable_function</c>.</summary>
    public static readonly Flag CarverDisableFunction = B("carver_disable_function", true, Runtime, "Turn the carve() SQL function off");

    /// <summary><c>--carver_start_endpoint</c>.</summary>
    public static readonly Flag CarverStartEndpoint = S("carver_start_endpoint", "", Runtime, "Carve session start endpoint on --tls_hostname (Fleet: /api/v1/osquery/carve/begin)");

    /// <summary><c>--carver_continue_endpoint</c>.</summary>
    public static readonly Flag CarverContinueEndpoint = S("carver_continue_endpoint", "", Runtime, "Carve block upload endpoint on --tls_hostname (Fleet: /api/v1/osquery/carve/block)");

    /// <summary><c>--carver_block_size</c>.</summary>
    public static readonly Flag CarverBlockSize = U32("carver_block_size", 8192, Runtime, "Bytes per uploaded carve block (FarQuery caps it at 16 MiB: one block is held in memory while it is sent)");

    /// <summary><c>--carver_compression</c>.</summary>
    public static readonly Flag CarverCompression = B("carver_compression", false, Runtime, "Compress carves with zstd; FarQuery has no zstd encoder and refuses a carve while this is true");

    /// <summary><c>--carver_expiry</c>.</summary>
    public static readonly Flag CarverExpiry = U32("carver_expiry", 86400, Runtime, "Seconds a successful carve stays listed in the carves table");

    /// <summary><c>--carver_max_size</c>.</summary>
    public static readonly Flag CarverMaxSize = U64("carver_max_size", 256L * 1024 * 1024, Runtime, "FarQuery: largest carve, in bytes of the files carved; a larger request is refused with its status in the carves table");

    // --- osquery flags accepted without effect -----------------------------------------------------------------------

    static FlagCatalog()
    {
        const string NoDaemon = "FarQuery is the container's entrypoint, not a daemon";
        const string NoDatabase = "FarQuery keeps its state in memory (the task's disk does not outlive it)";
        const string NoExtensions = "FarQuery loads no osquery extensions (its tables are built in)";
        const string NoWatchdog = "FarQuery has no worker to restart: the memory budget (--memory_budget) and query time limits bound it";
        const string NoAudit = "FarQuery's process and socket events come from ptrace, not the audit netlink socket";
        S("pidfile", "/var/osquery/osqueryd.pidfile", Startup, "osquery's pid file", noEffect: NoDaemon);
        B("daemonize", false, Startup, "Run in the background", noEffect: NoDaemon);
        B("force", false, Startup, "Start even if a pid file names a running osqueryd", noEffect: NoDaemon);
        S("database_path", "/var/osquery/osquery.db", Startup, "RocksDB directory", noEffect: NoDatabase);
        B("disable_database", false, Startup, "Keep the database in memory", noEffect: NoDatabase);
        B("database_dump", false, Startup, "Print the database and exit", noEffect: NoDatabase);
        S("extensions_socket", "/var/osquery/osquery.em", Startup, "Extension manager socket", noEffect: NoExtensions);
        S("extensions_autoload", "/etc/osquery/extensions.load", Startup, "File listing extensions to load", noEffect: NoExtensions);
        S("extensions_timeout", "3", Startup, "Seconds to wait for autoloaded extensions", noEffect: NoExtensions);
        S("extensions_interval", "3", Startup, "Seconds between extension health checks", noEffect: NoExtensions);
        S("extensions_require", "", Startup, "Extensions that must load", noEffect: NoExtensions);
        B("disable_extensions", false, Startup, "Turn the extension manager off", noEffect: NoExtensions);
        S("extension", "", Startup, "Path of an extension to load", noEffect: NoExtensions);
        B("disable_watchdog", false, Startup, "Turn the watchdog off", noEffect: NoWatchdog);
        I32("watchdog_level", 0, Startup, "Watchdog limits profile", noEffect: NoWatchdog);
        U64("watchdog_memory_limit", 0, Startup, "Worker memory limit, MiB", noEffect: NoWatchdog);
        U64("watchdog_utilization_limit", 0, Startup, "Worker CPU limit, percent", noEffect: NoWatchdog);
        U64("watchdog_delay", 60, Startup, "Seconds before the watchdog starts", noEffect: NoWatchdog);
        B("enable_watchdog_debug", false, Startup, "Watchdog debug messages", noEffect: NoWatchdog);
        B("disable_audit", true, Runtime, "Turn the audit publisher off", noEffect: NoAudit);
        B("audit_allow_config", false, Runtime, "Let osquery configure audit", noEffect: NoAudit);
        B("audit_allow_sockets", false, Runtime, "Audit socket syscalls", noEffect: NoAudit);
        B("audit_allow_process_events", true, Runtime, "Audit execve", noEffect: NoAudit);
        B("audit_allow_fim_events", false, Runtime, "Audit file syscalls", noEffect: NoAudit);
        B("audit_persist", true, Runtime, "Keep the audit netlink socket", noEffect: NoAudit);
        B("utc", true, Startup, "Times in UTC", noEffect: "FarQuery's times are always UTC");
        B("allow_unsafe", false, Startup, "Start as root with unsafe permissions", noEffect: "FarQuery checks its own files' permissions where it reads secrets");
        U64("alarm_timeout", 4, Startup, "Seconds before a stuck shutdown is killed", noEffect: "FarQuery bounds its exit itself (it owes the app's exit code within a second)");
        S("syslog_pipe_path", "/var/osquery/syslog_pipe", Startup, "Syslog pipe", noEffect: "there is no syslog daemon in a Fargate task; --enable_syslog binds --syslog_socket_path instead");
        B("logger_stderr", true, Runtime, "Copy status logs to stderr", noEffect: "FarQuery writes its warnings to stderr always");
        I32("logger_min_status", 0, Runtime, "Least severity of status logs", noEffect: "FarQuery logs every status line it writes");
        I32("logger_min_stderr", 0, Runtime, "Least severity copied to stderr", noEffect: "FarQuery writes its warnings to stderr always");
        S("logger_mode", "0640", Startup, "Mode of the filesystem logger's files", noEffect: "FarQuery creates its log files 0600");
        B("tls_session_reuse", true, Startup, "Reuse TLS sessions", noEffect: "FarQuery keeps one pooled HTTPS connection to the backend");
        U64("tls_session_timeout", 3600, Startup, "TLS session lifetime", noEffect: "FarQuery keeps one pooled HTTPS connection to the backend");
        B("tls_accept_gzip", false, Startup, "Accept gzip responses", noEffect: "FarQuery accepts gzip responses always");
        S("proxy_hostname", "", Startup, "HTTP proxy for the backend", noEffect: "FarQuery talks to the backend directly (the task's VPC routes it)");
        B("disable_caching", false, Runtime, "Do not cache table results", noEffect: "FarQuery caches no table results");
        B("events_optimize", true, Runtime, "Return only events since the query last ran", noEffect: "FarQuery's scheduled event queries always read only new events");
        B("enable_monitor", false, Runtime, "osquery_schedule performance monitoring", noEffect: "osquery_schedule is always filled");
        U64("schedule_timeout", 0, Startup, "Seconds before the scheduler stops", noEffect: "FarQuery's scheduler runs as long as the app does");
        U64("schedule_max_drift", 60, Runtime, "Seconds of scheduling drift tolerated", noEffect: "FarQuery's scheduler does not skip late runs");
        U64("distributed_denylist_duration", 86400, Runtime, "Seconds a query that crashed a worker is refused", noEffect: "a distributed query cannot crash FarQuery: it is bounded by time and the memory budget");
        B("disable_enrollment", false, Startup, "Do not enroll", noEffect: "FarQuery enrolls whenever --tls_hostname is set");
        B("ephemeral", false, Startup, "Skip the database", noEffect: NoDatabase);
        B("host_identifier_fallback", false, Startup, "Fall back to another identifier", noEffect: "FarQuery's host_identifier values have their own fallbacks");
        ByName = Index();
    }

    /// <summary>Every declared flag, by name.</summary>
    public static IReadOnlyList<Flag> All => Declared;

    // Built at the end of the static constructor: field initializers run before its body, which adds the flags above.
    private static readonly Dictionary<string, Flag> ByName;

    /// <summary>The flag of that name or alias: dashes and underscores are the same (<c>--trace-read-opens</c>).</summary>
    public static Flag? Find(string name)
    {
        var key = name.Replace('-', '_');
        return ByName.GetValueOrDefault(key);
    }

    private static Dictionary<string, Flag> Index()
    {
        var index = new Dictionary<string, Flag>(StringComparer.Ordinal);
        foreach (var flag in Declared)
        {
            index.Add(flag.Name, flag);
            foreach (var alias in flag.Aliases)
            {
                index.Add(alias, flag);
            }
        }

        return index;
    }

    private static Flag Add(string name, FlagType type, string defaultValue, string scope, string description, string? noEffect, string[]? aliases, string[]? choices, bool list)
    {
        var flag = new Flag(name, type, defaultValue, description, scope == Runtime ? FlagScope.Runtime : FlagScope.Startup)
        {
            NoEffect = noEffect,
            Aliases = aliases ?? [],
            Choices = choices ?? [],
            IsList = list,
        };
        Declared.Add(flag);
        return flag;
    }

    private static Flag S(string name, string defaultValue, string scope, string description, string? noEffect = null, string[]? aliases = null, string[]? choices = null, bool list = false) =>
        Add(name, FlagType.String, defaultValue, scope, description, noEffect, aliases, choices, list);

    private static Flag B(string name, bool defaultValue, string scope, string description, string? noEffect = null, string[]? aliases = null) =>
        Add(name, FlagType.Bool, defaultValue ? "true" : "false", scope, description, noEffect, aliases, null, false);

    private static Flag I32(string name, int defaultValue, string scope, string description, string? noEffect = null) =>
        Add(name, FlagType.Int32, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture), scope, description, noEffect, null, null, false);

    private static Flag U32(string name, uint defaultValue, string scope, string description, string? noEffect = null, string[]? aliases = null) =>
        Add(name, FlagType.UInt32, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture), scope, description, noEffect, aliases, null, false);

    private static Flag U64(string name, long defaultValue, string scope, string description, string? noEffect = null) =>
        Add(name, FlagType.UInt64, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture), scope, description, noEffect, null, null, false);
}
