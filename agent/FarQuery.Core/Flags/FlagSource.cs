// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>Where a flag's value came from, lowest precedence first: a later source wins over an earlier one.</summary>
public enum FlagSource
{
    /// <summary>The declared default.</summary>
    Default,

    /// <summary><c>FARQUERY_&lt;NAME&gt;</c> in the agent's environment (what <c>farquery inject</c> sets).</summary>
    Environment,

    /// <summary>The <c>options</c> of the config in force (a file, or the backend's), for flags a config may set.</summary>
    Config,

    /// <summary>A line of the <c>--flagfile</c>.</summary>
    Flagfile,

    /// <summary>The command line.</summary>
    CommandLine,
}
