// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tls;
using FarQuery.Scheduler.Config;

namespace FarQuery.Cli.Agent;

/// <summary>Settings of the agent side of <c>farquery run</c> (osquery's flag names where osquery has them).</summary>
internal sealed record AgentOptions
{
    /// <summary>The embedded default config, used when no <c>--config_path</c> is given.</summary>
    public const string DefaultConfig = "/embedded/packs/farquery.conf";

    /// <summary>osquery's <c>--config_path</c>; null for the embedded default.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The config at <see cref="ConfigPath"/>, when it was already read (to set up the tracer before the app
    /// started); null: read it at start.</summary>
    public OsqueryConfig? PreloadedConfig { get; init; }

    /// <summary>osquery's <c>--logger_path</c>: also write results to rotated files there; null for stdout only.</summary>
    public string? LoggerPath { get; init; }

    /// <summary>The admin socket path; null for the default (/var/run/farquery.sock or a per-user fallback).</summary>
    public string? SocketPath { get; init; }

    /// <summary>Do not open the admin socket.</summary>
    public bool NoAdminSocket { get; init; }

    /// <summary>Stop writing result lines to stdout (files or a backend only).</summary>
    public bool NoStdoutLog { get; init; }

    /// <summary>The TLS backend (osquery's remote flags, <c>--tls_hostname</c> ...); null: no backend.</summary>
    public RemoteOptions? Remote { get; init; }

    /// <summary>Where the enroll secret comes from (SSM parameter, <c>--enroll_secret_path</c>); the
    /// <c>--enroll_secret_env</c> value is taken from the environment before the app starts and added by RunCommand.</summary>
    public EnrollSecretSource? EnrollSecret { get; init; }

    /// <summary>osquery's <c>--enroll_secret_env</c>: the variable's name.</summary>
    public string? EnrollSecretEnv { get; init; }

    /// <summary>osquery's <c>--host_identifier</c> (hostname, uuid, instance, ephemeral, specified, or <c>ecs</c>: the
    /// task ARN and container name); null: the config's option, else hostname.</summary>
    public string? HostIdentifier { get; init; }

    /// <summary>osquery's <c>--specified_identifier</c>.</summary>
    public string? SpecifiedIdentifier { get; init; }

    /// <summary>Called with every config put in force (the local one at start, each merge with the backend's), so the
    /// tracer can follow its options.</summary>
    public Action<OsqueryConfig>? OnConfig { get; init; }
}
