// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>osquery's version collations. <c>version</c> compares numeric runs as numbers and the rest as text, so
/// <c>'1.10' &gt; '1.9'</c>. <c>version_dpkg</c> follows Debian policy §5.6.12 (epoch, upstream, revision; <c>~</c> sorts
/// before everything, letters before other characters). <c>version_rhel</c> and <c>version_arch</c> follow rpmvercmp,
/// which pacman's vercmp shares: epoch, then alphanumeric segments (a numeric segment is newer than an alphabetic one),
/// then the release.</summary>
public static class VersionCollation
{
    /// <summary>The collation names specs may use.</summary>
    public static readonly string[] Names = ["version", "version_dpkg", "version_rhel", "version_arch"];

    /// <summary>The comparison a collation name stands for.</summary>
    public static Func<string?, string?, int> For(string name) => name switch
    {
        "version_dpkg" => CompareDpkg,
        "version_rhel" or "version_arch" => CompareRpm,
        _ => Compare,
    };

    /// <summary>Compares two version strings: numeric runs as numbers, other characters as text.</summary>
    public static int Compare(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var c = CompareNumber(a, ref i, b, ref j);
                if (c != 0)
                {
                    return c;
                }
            }
            else
            {
                var c = a[i].CompareTo(b[j]);
                if (c != 0)
                {
                    return c;
                }

                i++;
                j++;
            }
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    /// <summary>Debian's order: <c>[epoch:]upstream[-revision]</c>, each part compared as dpkg does.</summary>
    public static int CompareDpkg(string? a, string? b) => CompareEvr(a, b, DpkgPart, missingReleaseMatches: false);

    /// <summary>RPM's (and pacman's) order: <c>[epoch:]version[-release]</c>, each part compared as rpmvercmp does.</summary>
    /// <remarks>A missing release matches any release (rpm compares it only when both sides have one).</remarks>
    public static int CompareRpm(string? a, string? b) => CompareEvr(a, b, RpmPart, missingReleaseMatches: true);

    /// <summary>Epoch first, then version, then release, the last two by <paramref name="part"/>.</summary>
    private static int CompareEvr(string? a, string? b, Func<string, string, int> part, bool missingReleaseMatches)
    {
        var (ea, va, ra) = SplitEvr(a ?? "");
        var (eb, vb, rb) = SplitEvr(b ?? "");
        var c = CompareEpoch(ea, eb);
        if (c == 0)
        {
            c = part(va, vb);
        }

        return c != 0 || (missingReleaseMatches && (ra.Length == 0 || rb.Length == 0)) ? c : part(ra, rb);
    }

    private static (string Epoch, string Version, string Release) SplitEvr(string v)
    {
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        var epoch = colon > 0 && v.AsSpan(0, colon).ContainsAnyExceptInRange('0', '9') is false ? v[..colon] : "";
        var rest = epoch.Length > 0 ? v[(colon + 1)..] : v;
        var dash = rest.LastIndexOf('-');
        return dash >= 0 ? (epoch, rest[..dash], rest[(dash + 1)..]) : (epoch, rest, "");
    }

    private static int CompareEpoch(string a, string b)
    {
        var na = a.TrimStart('0');
        var nb = b.TrimStart('0');
        return na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
    }

    /// <summary>dpkg's verrevcmp: alternating non-digit and digit runs; in the non-digit runs '~' is lowest (below the end
    /// of the string), then the end, then letters, then everything else by code.</summary>
    private static int DpkgPart(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var c = DpkgOrder(a, i) - DpkgOrder(b, j);
                if (c != 0)
                {
                    return Math.Sign(c);
                }

                i++;
                j++;
            }

            var n = CompareNumber(a, ref i, b, ref j);
            if (n != 0)
            {
                return n;
            }
        }

        return 0;
    }

    private static int DpkgOrder(string s, int at)
    {
        if (at >= s.Length || char.IsAsciiDigit(s[at]))
        {
            return 0;
        }

        var ch = s[at];
        return ch == '~' ? -1 : char.IsAsciiLetter(ch) ? ch : ch + 256;
    }

    /// <summary>rpmvercmp: separators are skipped; '~' sorts before anything (even the end), '^' after the end but before
    /// anything else; segments compare numerically when both are digits, a digit segment beats a letter segment.</summary>
    private static int RpmPart(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]) && a[i] is not '~' and not '^')
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]) && b[j] is not '~' and not '^')
            {
                j++;
            }

            var ta = i < a.Length && a[i] == '~';
            var tb = j < b.Length && b[j] == '~';
            if (ta || tb)
            {
                if (!(ta && tb))
                {
                    return ta ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            var ca = i < a.Length && a[i] == '^';
            var cb = j < b.Length && b[j] == '^';
            if (ca || cb)
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (!(ca && cb))
                {
                    return ca ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            if (char.IsAsciiDigit(a[i]) || char.IsAsciiDigit(b[j]))
            {
                if (!char.IsAsciiDigit(a[i]))
                {
                    return -1;
                }

                if (!char.IsAsciiDigit(b[j]))
                {
                    return 1;
                }

                var n = CompareNumber(a, ref i, b, ref j);
                if (n != 0)
                {
                    return n;
                }

                continue;
            }

            var c = Math.Sign(Run(a, ref i, digits: false).SequenceCompareTo(Run(b, ref j, digits: false)));
            if (c != 0)
            {
                return c;
            }
        }

        // The side with segments left is newer.
        return i >= a.Length && j >= b.Length ? 0 : i >= a.Length ? -1 : 1;
    }

    /// <summary>Compares the digit runs at <paramref name="i"/> and <paramref name="j"/> as numbers of any length (an
    /// empty run is 0) and moves both past them.</summary>
    private static int CompareNumber(string a, ref int i, string b, ref int j)
    {
        var na = Run(a, ref i, digits: true).TrimStart('0');
        var nb = Run(b, ref j, digits: true).TrimStart('0');
        return na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : Math.Sign(na.SequenceCompareTo(nb));
    }

    /// <summary>The run of ASCII digits (or of ASCII letters) of <paramref name="s"/> at <paramref name="i"/>, which
    /// moves past it.</summary>
    private static ReadOnlySpan<char> Run(string s, ref int i, bool digits)
    {
        var start = i;
        while (i < s.Length && (digits ? char.IsAsciiDigit(s[i]) : char.IsAsciiLetter(s[i])))
        {
            i++;
        }

        return s.AsSpan(start, i - start);
    }
}
