// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Scheduler.Config;

/// <summary>A configuration that cannot be used: says the file, the line and the reason.</summary>
public sealed class ConfigException(string source, int line, string reason)
    : Exception(line > 0 ? $"{source}:{line}: {reason}" : $"{source}: {reason}")
{
    /// <summary>The file (or resource) the error is in.</summary>
    public string File { get; } = source;

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
