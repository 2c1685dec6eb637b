// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>osquery's version collations (<c>version</c>, <c>version_dpkg</c>, <c>version_rhel</c>, <c>version_arch</c>):
/// numeric runs compare as numbers, other runs as text, so <c>'1.10' &gt; '1.9'</c>.</summary>
public static class VersionCollation
{
    /// <summary>The collation names specs may use.</summary>
    public static readonly string[] Names = ["version", "version_dpkg", "version_rhel", "version_arch"];

    /// <summary>Compares two version strings.</summary>
    public static int Compare(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                var c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : na.SequenceCompareTo(nb);
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
}
