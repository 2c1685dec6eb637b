// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Agent;

/// <summary>What the agent side of <c>farquery run</c> starts with: the flags (docs/flags.md) and what the launcher
/// already did with them.</summary>
internal sealed record AgentOptions
{
    /// <summary>The embedded default config, used when no <c>--config_path</c> is given.</summary>
    public const string DefaultConfig = "/embedded/packs/farquery.conf";

    /// <summary>The flags from the command line, the flagfile and the environment; each config in force layers its
    /// <c>options</c> under them.</summary>
    public FlagValues Flags { get; init; } = FlagValues.Defaults;

    /// <summary>The <c>--config_path</c> config, when it was already read (to set up the tracer before the app
    /// started); null: read it at start.</summary>
    public OsqueryConfig? PreloadedConfig { get; init; }

    /// <summary>Do not open the admin socket (the demo, tests).</summary>
    public bool NoAdminSocket { get; init; }

    /// <summary>What the response playbooks act through (the supervised app's); null: they only record what they would
    /// do.</summary>
    public FarQuery.Response.IResponseActuator? Actuator { get; init; }

    /// <summary>Carries the tracer's denials to the response engine; null without a tracer.</summary>
    public DenialRelay? Denials { get; init; }

    /// <summary>The supervised app's tracer options, whose deny policy a reloaded response section swaps (the checks
    /// that need no new seccomp filter, docs/response.md "Reload"); null without a tracer.</summary>
    public FarQuery.Events.Tracing.TracerOptions? Tracer { get; init; }

    /// <summary>Called with every config put in force (the local one at start, each merge with the backend's), so the
    /// tracer can follow its options.</summary>
    public Action<OsqueryConfig>? OnConfig { get; init; }
}
