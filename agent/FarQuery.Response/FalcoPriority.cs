// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response;

/// <summary>Falco's priorities, most severe first; a filter's <c>min_priority</c> WARNING takes WARNING and everything
/// more severe.</summary>
public static class FalcoPriority
{
    private static readonly string[] Order = ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFORMATIONAL", "DEBUG"];

    /// <summary>The names, most severe first.</summary>
    public static IReadOnlyList<string> Names => Order;

    /// <summary>Severity rank (0 is EMERGENCY); INFO is INFORMATIONAL; any case. False for an unknown name.</summary>
    public static bool TryRank(string? name, out int rank)
    {
        var upper = name?.Trim().ToUpperInvariant() switch
        {
            "INFO" => "INFORMATIONAL",
            "WARN" => "WARNING",
            var n => n,
        };
        rank = Array.IndexOf(Order, upper);
        return rank >= 0;
    }
}
