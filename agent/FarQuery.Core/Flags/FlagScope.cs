// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>Who may set a flag.</summary>
public enum FlagScope
{
    /// <summary>Only the command line, the flagfile and the environment: it shapes how the agent starts (where the
    /// config comes from, the backend's address and credentials). A config's <c>options</c> naming it are ignored with a
    /// warning, as osquery ignores its CLI-only flags there.</summary>
    Startup,

    /// <summary>Also a config's <c>options</c>, at start and on every config the backend sends.</summary>
    Runtime,
}
