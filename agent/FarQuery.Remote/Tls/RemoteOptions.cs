// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Remote.Tls;

/// <summary>osquery's remote flags (docs/osquery-compat.md §2.7), with osquery's defaults. The runtime-tunable ones
/// (<c>logger_tls_period</c>, <c>distributed_interval</c>, <c>config_refresh</c>, <c>logger_tls_max_lines</c>) can be
/// changed by the <c>options</c> of a fetched config, as osquery does.</summary>
public sealed class RemoteOptions
{
    /// <summary><c>--tls_hostname</c>: <c>host[:port]</c>, no scheme.</summary>
    public required string TlsHostname { get; init; }

    /// <summary><c>--enroll_tls_endpoint</c>.</summary>
    public string EnrollEndpoint { get; init; } = "/api/v1/osquery/enroll";

    /// <summary><c>--config_tls_endpoint</c>; empty: no remote config.</summary>
    public string ConfigEndpoint { get; init; } = "/api/v1/osquery/config";

    /// <summary><c>--logger_tls_endpoint</c>; empty: no remote logging.</summary>
    public string LoggerEndpoint { get; set; } = "/api/v1/osquery/log";

    /// <summary><c>--distributed_tls_read_endpoint</c>; empty: no distributed queries.</summary>
    public string DistributedReadEndpoint { get; set; } = "/api/v1/osquery/distributed/read";

    /// <summary><c>--distributed_tls_write_endpoint</c>.</summary>
    public string DistributedWriteEndpoint { get; set; } = "/api/v1/osquery/distributed/write";

    /// <summary><c>--tls_server_certs</c>: PEM bundle of the CAs trusted for the server; null: the system store.</summary>
    public string? ServerCertsPath { get; init; }

    /// <summary><c>--tls_client_cert</c> (PEM) for mTLS.</summary>
    public string? ClientCertPath { get; init; }

    /// <summary><c>--tls_client_key</c> (PEM) for mTLS.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary><c>--logger_tls_period</c> (osquery's code default: 4 s).</summary>
    public TimeSpan LoggerPeriod { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary><c>--logger_tls_max_lines</c> per request.</summary>
    public int LoggerMaxLines { get; set; } = 1024;

    /// <summary><c>--logger_tls_max_linesize</c>: longer lines are dropped (and counted).</summary>
    public int LoggerMaxLineSize { get; set; } = 1024 * 1024;

    /// <summary><c>--logger_tls_compress</c>: gzip the logger body.</summary>
    public bool LoggerCompress { get; init; }

    /// <summary><c>--logger_tls_backoff_max</c>.</summary>
    public TimeSpan LoggerBackoffMax { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary><c>--buffered_log_max</c> per log type: past it the oldest lines are dropped (and counted). osquery's
    /// default (1,000,000) is sized for a host's disk; this buffer is in memory in a small task, hence 100,000.</summary>
    public int BufferedLogMax { get; init; } = 100_000;

    /// <summary><c>--tls_disable_status_log</c>.</summary>
    public bool DisableStatusLog { get; init; }

    /// <summary><c>--config_refresh</c>; zero: fetch at start only.</summary>
    public TimeSpan ConfigRefresh { get; set; }

    /// <summary><c>--config_accelerated_refresh</c>: the refresh period after a failed fetch.</summary>
    public TimeSpan ConfigAcceleratedRefresh { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary><c>--distributed_interval</c>.</summary>
    public TimeSpan DistributedInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The poll interval while an <c>accelerate</c> window is open (osquery: 5 s).</summary>
    public TimeSpan AcceleratedInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--tls_enroll_max_attempts</c> per enrollment round; 0: unlimited.</summary>
    public int EnrollMaxAttempts { get; init; } = 12;

    /// <summary><c>--tls_enroll_max_interval</c>: cap of the <c>step²</c> back-off.</summary>
    public TimeSpan EnrollMaxInterval { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>One step of every back-off (1 s in osquery; tests shrink it).</summary>
    public TimeSpan BackoffUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Request timeout (osquery: 16 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(16);

    /// <summary>Redirects followed at most (osquery: 10).</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Responses larger than this are refused, so a broken server cannot exhaust the task's memory.</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Where to keep the node key across restarts (mode 0600); null: memory only, for the task's life.</summary>
    public string? NodeKeyPath { get; init; }

    /// <summary><c>--enroll_always</c>: ignore a stored node key at start.</summary>
    public bool EnrollAlways { get; init; }

    /// <summary><c>--disable_reenrollment</c>: keep the node key when the server says <c>node_invalid</c>.</summary>
    public bool DisableReenrollment { get; init; }

    /// <summary><c>--config_tls_max_attempts</c>: quick retries of the first config fetch.</summary>
    public int ConfigMaxAttempts { get; set; } = 3;

    /// <summary><c>--distributed_tls_max_attempts</c>: tries of a distributed write before its results are dropped.</summary>
    public int DistributedMaxAttempts { get; set; } = 3;

    /// <summary><c>--disable_distributed</c> set by a later config: the runner skips its reads while it is.</summary>
    public bool DistributedDisabled { get; set; }

    /// <summary><c>--tls_dump</c>: where each request's endpoint, status and (redacted) response go; null: nowhere.</summary>
    public Action<string>? Dump { get; set; }

    /// <summary>The flags these options were built from (<see cref="FromFlags"/>); a backend config's <c>options</c>
    /// are parsed under them, so the command line and flagfile keep winning.</summary>
    public FlagValues Flags { get; init; } = FlagValues.Defaults;

    /// <summary>The options the flags ask for, or null without <c>--tls_hostname</c>. osquery's plugin flags choose the
    /// parts: <c>config_plugin</c> (default: tls), <c>logger_plugin</c> (default: tls with stdout; listed without tls,
    /// no TLS logging), <c>disable_distributed</c> and <c>distributed_plugin</c> (docs/flags.md).</summary>
    public static RemoteOptions? FromFlags(FlagValues f)
    {
        if (f.Text(FlagCatalog.TlsHostname) is not { } hostname)
        {
            return null;
        }

        var configTls = f.Text(FlagCatalog.ConfigPlugin) is null or "tls";
        var loggerTls = f.Text(FlagCatalog.LoggerPlugin) is not { } plugins || plugins.Split(',').Contains("tls");
        var distributed = !f.Bool(FlagCatalog.DisableDistributed) && f.Get(FlagCatalog.DistributedPlugin) == "tls";
        var options = new RemoteOptions
        {
            TlsHostname = hostname,
            Flags = f,
            EnrollEndpoint = f.Get(FlagCatalog.EnrollTlsEndpoint),
            ConfigEndpoint = configTls ? f.Get(FlagCatalog.ConfigTlsEndpoint) : "",
            LoggerEndpoint = loggerTls ? f.Get(FlagCatalog.LoggerTlsEndpoint) : "",
            DistributedReadEndpoint = distributed ? f.Get(FlagCatalog.DistributedTlsReadEndpoint) : "",
            DistributedWriteEndpoint = distributed ? f.Get(FlagCatalog.DistributedTlsWriteEndpoint) : "",
            ServerCertsPath = f.Text(FlagCatalog.TlsServerCerts),
            ClientCertPath = f.Text(FlagCatalog.TlsClientCert),
            ClientKeyPath = f.Text(FlagCatalog.TlsClientKey),
            LoggerCompress = f.Bool(FlagCatalog.LoggerTlsCompress),
            LoggerBackoffMax = f.Seconds(FlagCatalog.LoggerTlsBackoffMax),
            BufferedLogMax = (int)Math.Clamp(f.Int(FlagCatalog.BufferedLogMax), 1, int.MaxValue),
            ConfigAcceleratedRefresh = TimeSpan.FromSeconds(Math.Max(1, f.Int(FlagCatalog.ConfigAcceleratedRefresh))),
            EnrollMaxAttempts = (int)Math.Min(int.MaxValue, f.Int(FlagCatalog.TlsEnrollMaxAttempts)),
            EnrollMaxInterval = f.Seconds(FlagCatalog.TlsEnrollMaxInterval),
            NodeKeyPath = f.Text(FlagCatalog.NodeKeyPath),
            DisableStatusLog = f.Bool(FlagCatalog.TlsDisableStatusLog),
            DisableReenrollment = f.Bool(FlagCatalog.DisableReenrollment),
            EnrollAlways = f.Bool(FlagCatalog.EnrollAlways),
        };
        options.Tune(f);
        return options;
    }

    /// <summary>Takes the flags a config's <c>options</c> may change at run time, as osquery does. Only flags that some
    /// source set are taken (a setting made in code stays until a flag says otherwise). An endpoint turned off at start
    /// stays off (its loop was never started); one that was on follows the config.</summary>
    public void Tune(FlagValues f)
    {
        LoggerPeriod = Seconds(f, FlagCatalog.LoggerTlsPeriod, 1, LoggerPeriod);
        DistributedInterval = Seconds(f, FlagCatalog.DistributedInterval, 1, DistributedInterval);
        ConfigRefresh = Seconds(f, FlagCatalog.ConfigRefresh, 0, ConfigRefresh);
        LoggerMaxLines = Number(f, FlagCatalog.LoggerTlsMaxLines, 1_000_000, LoggerMaxLines);
        LoggerMaxLineSize = Number(f, FlagCatalog.LoggerTlsMaxLinesize, int.MaxValue, LoggerMaxLineSize);
        ConfigMaxAttempts = Number(f, FlagCatalog.ConfigTlsMaxAttempts, 100, ConfigMaxAttempts);
        DistributedMaxAttempts = Number(f, FlagCatalog.DistributedTlsMaxAttempts, 100, DistributedMaxAttempts);
        DistributedDisabled = f.IsSet(FlagCatalog.DisableDistributed) ? f.Bool(FlagCatalog.DisableDistributed) : DistributedDisabled;
        if (LoggerEndpoint.Length > 0 && f.IsSet(FlagCatalog.LoggerTlsEndpoint) && f.Text(FlagCatalog.LoggerTlsEndpoint) is { } logger)
        {
            LoggerEndpoint = logger;
        }

        if (DistributedReadEndpoint.Length > 0 && f.IsSet(FlagCatalog.DistributedTlsReadEndpoint) && f.Text(FlagCatalog.DistributedTlsReadEndpoint) is { } read)
        {
            DistributedReadEndpoint = read;
        }

        if (DistributedWriteEndpoint.Length > 0 && f.IsSet(FlagCatalog.DistributedTlsWriteEndpoint) && f.Text(FlagCatalog.DistributedTlsWriteEndpoint) is { } write)
        {
            DistributedWriteEndpoint = write;
        }
    }

    private static TimeSpan Seconds(FlagValues f, Flag flag, long least, TimeSpan current) =>
        f.IsSet(flag) ? TimeSpan.FromSeconds(Math.Clamp(f.Int(flag), least, 7 * 86_400)) : current;

    private static int Number(FlagValues f, Flag flag, int most, int current) =>
        f.IsSet(flag) ? (int)Math.Clamp(f.Int(flag), 1, most) : current;

    /// <summary>The <c>User-Agent</c> (osquery sends <c>osquery/&lt;version&gt;</c>; servers may key on it).</summary>
    public string UserAgent { get; init; } = "osquery/" + FarQuery.Core.AgentInfo.OsqueryVersion;
}
