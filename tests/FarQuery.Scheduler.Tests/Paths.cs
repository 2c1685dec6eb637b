// SPDX-License-Identifier: Apache-2.0
using FarQuery.TestSupport;

namespace FarQuery.Scheduler.Tests;

/// <summary>The repository root and the shared reference folder beside it.</summary>
internal static class Paths
{
    public static string Root => RepoRoot.Path;

    /// <summary>../shared/osquery-packs, or null when the clone has no shared/ beside it (never on CI).</summary>
    public static string? StockPacks => RepoRoot.Shared("osquery-packs");
}
