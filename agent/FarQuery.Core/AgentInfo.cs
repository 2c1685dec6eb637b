// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Facts about the running agent that osquery_info and the result logs report.</summary>
public sealed class AgentInfo
{
    /// <summary>The product name.</summary>
    public const string Name = "farquery";

    /// <summary>The osquery release whose tables, flags, config and log formats FarQuery follows, reported wherever
    /// osquery reports its own version (osquery_info.version, status log lines, host details at enrollment, the
    /// User-Agent, packs' <c>version</c> checks): backends such as Fleet choose their detail queries and features by comparing it (docs/flags.md,
    /// "How FarQuery presents itself"). FarQuery's own version is <see cref="Version"/>.</summary>
    public const string OsqueryVersion = "5.14.1";

    private string? version;

    /// <summary>FarQuery's own version (the assembly's), in osquery_info.farquery_version and <c>farquery status</c>. Read
    /// from the assembly when first asked: the reflection it takes cost a one-shot <c>farquery query</c>, which never
    /// reads it, 0.8 M of its 31 M instructions (docs/tracer.md, "The start path").</summary>
    public string Version
    {
        get => version ??= typeof(AgentInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        init => version = value;
    }

    /// <summary>UNIX time the agent started.</summary>
    public long StartTime { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A random id for this agent instance (osquery's instance_id).</summary>
    public string InstanceId { get; init; } = NewInstanceId();

    /// <summary>The agent's pid.</summary>
    public int Pid { get; init; } = Environment.ProcessId;

    /// <summary>Hash of the configuration in force, or empty.</summary>
    public string ConfigHash { get; set; } = "";

    /// <summary>Whether the configuration in force is valid.</summary>
    public bool ConfigValid { get; set; } = true;

    // Guid.NewGuid reads the kernel's random source; in a bare root file system without /dev it throws, and nothing
    // that runs before the app starts may throw, so fall back to a value unique enough for one task.
    private static string NewInstanceId()
    {
        try
        {
            return Guid.NewGuid().ToString();
        }
        catch (Exception)
        {
            return $"{Environment.ProcessId:x8}-{DateTime.UtcNow.Ticks:x16}";
        }
    }
}
