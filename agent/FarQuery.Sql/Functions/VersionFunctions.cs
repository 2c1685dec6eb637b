// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Sql.Functions;

/// <summary>osquery's <c>version_compare(left, right[, flavor])</c>: -1, 0 or 1. It walks both versions byte by byte,
/// segment by segment between the delimiters <c>~ - ^ . :</c>: the first differing byte of a segment decides once the segment ends, and a segment that ends first is the smaller (also where one version ends inside a number the
/// other goes on with). The flavor (any case) adds distribution rules:
/// <c>ARCH</c> and <c>RHEL</c> compare an <c>epoch:</c> first and treat a trailing <c>-release</c> as equal, a trailing
/// <c>~suffix</c> as older and <c>^suffix</c> as newer; <c>DPKG</c> compares the epoch; <c>RHEL</c> also orders the
/// delimiters themselves (<c>~ &lt; - &lt; ^ &lt; . &lt; :</c>). Without a flavor, delimiters are all equal
/// (docs/osquery-compat.md, "SQL functions").</summary>
internal static class VersionFunctions
{
    /// <summary><c>version_compare</c>: NULL when a version is NULL; an error for an unknown flavor.</summary>
    public static long? Compare(string? left, string? right, string? flavor)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var (epoch, precedence, remaining) = flavor?.ToUpperInvariant() switch
        {
            null => (false, false, false),
            "ARCH" => (true, false, true),
            "DPKG" => (true, false, false),
            "RHEL" => (true, true, true),
            _ => throw new SqlQueryException($"Invalid version_compare flavor '{flavor}': use ARCH, DPKG or RHEL, or none"),
        };
        return Math.Sign(Compare(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right), epoch, precedence, remaining));
    }

    private static int Compare(byte[] l, byte[] r, bool epoch, bool precedence, bool remaining)
    {
        if (epoch)
        {
            // The epoch's length decides when both have one; a version with an epoch is newer than one without.
            int le = Array.IndexOf(l, (byte)':'), re = Array.IndexOf(r, (byte)':');
            var diff = (le >= 0, re >= 0) switch
            {
                (true, true) => le - re,
                (true, false) => 1,
                (false, true) => -1,
                _ => 0,
            };
            if (diff != 0)
            {
                return diff;
            }
        }

        var first = 0;
        var min = Math.Min(l.Length, r.Length);
        for (var i = 0; i < min; i++)
        {
            // C's char is signed on the platforms osquery ships for: bytes past 0x7F compare below ASCII.
            int a = (sbyte)l[i], b = (sbyte)r[i];

            bool da = IsDelimiter(a), db = IsDelimiter(b);
            if (!da && !db)
            {
                first = first == 0 ? a - b : first;
                continue;
            }

            if (da != db)
            {
                return da ? -1 : 1;
            }

            if (first != 0)
            {
                return first;
            }

            if (precedence && Precedence(a) - Precedence(b) is var d and not 0)
            {
                return d;
            }
        }

        // One version ends inside a number the other goes on with: the longer number is the larger ('9' < '10').
        if (min > 0 && l.Length != r.Length && IsDigit(l[min - 1]) && IsDigit(r[min - 1]) && IsDigit((l.Length > min ? l : r)[min]))
        {
            return l.Length > min ? 1 : -1;
        }

        if (first != 0)
        {
            return first;
        }

        if (remaining)
        {
            if (l.Length == min && r.Length > min)
            {
                switch (r[min])
                {
                    case (byte)'~': return 1;
                    case (byte)'-': return 0;
                    case (byte)'^': return -1;
                }
            }

            if (r.Length == min && l.Length > min)
            {
                switch (l[min])
                {
                    case (byte)'~': return -1;
                    case (byte)'-': return 0;
                    case (byte)'^': return 1;
                }
            }
        }

        return l.Length - r.Length;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsDelimiter(int c) => c is '~' or '-' or '^' or '.' or ':';

    private static int Precedence(int c) => c switch
    {
        '~' => 1,
        '-' => 2,
        '^' => 3,
        '.' => 4,
        ':' => 5,
        _ => 0,
    };
}
