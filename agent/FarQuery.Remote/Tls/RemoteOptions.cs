// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Tls;

/// <summary>osquery's remote flags (osquery.md §2.7), with osquery's defaults. The runtime-tunable ones
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
    public string LoggerEndpoint { get; init; } = "/api/v1/osquery/log";

    /// <summary><c>--distributed_tls_read_endpoint</c>; empty: no distributed queries.</summary>
    public string DistributedReadEndpoint { get; init; } = "/api/v1/osquery/distributed/read";

    /// <summary><c>--distributed_tls_write_endpoint</c>.</summary>
    public string DistributedWriteEndpoint { get; init; } = "/api/v1/osquery/distributed/write";

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
    public int LoggerMaxLineSize { get; init; } = 1024 * 1024;

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

    /// <summary>The <c>User-Agent</c> (osquery sends <c>osquery/&lt;version&gt;</c>; servers may key on it).</summary>
    public string UserAgent { get; init; } = "osquery/5.12.1";
}
