// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;

namespace FarQuery.Response;

/// <summary>Which alerts an output or playbook takes: rule names (globs, <c>*</c> and <c>?</c>, any case), a priority
/// range (<c>min_priority</c> the least severe taken, <c>max_priority</c> the most severe), and tags (any of them).
/// Every part left out takes everything.</summary>
public sealed class AlertFilter
{
    private readonly Regex[] rules;

    /// <summary>Builds a filter; unknown priority names are the caller's to reject (see <see cref="FalcoPriority"/>).</summary>
    public AlertFilter(IReadOnlyList<string>? rules = null, string? minPriority = null, string? maxPriority = null, IReadOnlyList<string>? tags = null)
    {
        this.rules = [.. (rules ?? []).Select(Glob)];
        Least = FalcoPriority.TryRank(minPriority, out var least) ? least : int.MaxValue;
        Most = FalcoPriority.TryRank(maxPriority, out var most) ? most : 0;
        Tags = tags ?? [];
    }

    /// <summary>Takes every alert.</summary>
    public static AlertFilter All { get; } = new();

    private int Least { get; }

    private int Most { get; }

    private IReadOnlyList<string> Tags { get; }

    /// <summary>Whether <paramref name="alert"/> passes.</summary>
    public bool Matches(Alert alert)
    {
        if (rules.Length > 0 && !rules.Any(r => r.IsMatch(alert.Rule)))
        {
            return false;
        }

        // An alert whose priority is not Falco's passes only a filter without a priority range.
        if (Least != int.MaxValue || Most != 0)
        {
            if (!FalcoPriority.TryRank(alert.Priority, out var rank) || rank > Least || rank < Most)
            {
                return false;
            }
        }

        return Tags.Count == 0 || Tags.Any(t => alert.Tags.Contains(t, StringComparer.OrdinalIgnoreCase));
    }

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
