// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Detections.Tests.Support;

/// <summary>What some detection tests need beyond the binary: root (to write below /etc, /bin, /root, /dev or read
/// /etc/shadow) or gcc (for the C probe). Off CI a missing requirement skips the test with a loud reason; on CI
/// (CI=true) nothing is skipped, so a missing requirement fails.</summary>
internal static class Requirements
{
    /// <summary>Why a root-only test cannot run here, or null.</summary>
    public static string? NotRoot =>
        IsRoot() || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : "LOUD SKIP: not running as root; this detection test writes to system directories and undoes it";

    private static bool IsRoot()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var ids = line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries);
                return ids.Length > 1 && ids[1].Trim() == "0";
            }
        }

        return false;
    }
}

/// <summary>A fact that needs the C probe.</summary>
internal sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (NativeProbe.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs root.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Requirements.NotRoot is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs both root and the C probe.</summary>
internal sealed class RootNativeFactAttribute : FactAttribute
{
    public RootNativeFactAttribute()
    {
        if ((Requirements.NotRoot ?? NativeProbe.SkipReason) is { } reason)
        {
            Skip = reason;
        }
    }
}
