// SPDX-License-Identifier: Apache-2.0
using System.Text.Unicode;

namespace FarQuery.Sql.Functions;

/// <summary>SQLite's own conversions between storage classes, as osquery's C functions see a value through
/// <c>sqlite3_value_text</c> and <c>sqlite3_value_double</c>. Microsoft.Data.Sqlite hands a function an argument as
/// <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <c>byte[]</c> or <see cref="DBNull"/>; these give the
/// bytes or the number SQLite would have given the C code (docs/osquery-compat.md, "SQL functions").</summary>
internal static class SqlValue
{
    /// <summary>True for SQL NULL.</summary>
    public static bool IsNull(object? value) => value is null or DBNull;

    /// <summary>The bytes <c>sqlite3_value_text</c> gives for a value: UTF-8 for text, the raw bytes of a blob, SQLite's
    /// rendering of a number, nothing for NULL.</summary>
    public static byte[] Bytes(object? value) => value switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        byte[] b => b,
        long l => Encoding.ASCII.GetBytes(l.ToString(CultureInfo.InvariantCulture)),
        double d => Encoding.ASCII.GetBytes(Text(d)),
        _ => [],
    };

    /// <summary>The bytes as C sees them through a NUL-terminated string (<c>strlen</c>): cut at the first NUL.</summary>
    public static ReadOnlySpan<byte> CString(byte[] bytes)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        return nul < 0 ? bytes : bytes.AsSpan(0, nul);
    }

    /// <summary>The value as text (a blob's bytes decoded as UTF-8), or null for NULL.</summary>
    public static string? String(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        _ => Encoding.UTF8.GetString(Bytes(value)),
    };

    /// <summary>A text result from bytes: a string when they are UTF-8, else a blob, since .NET strings cannot carry
    /// the invalid sequences osquery's C code returns as text.</summary>
    public static object Result(byte[] bytes) => Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : bytes;

    /// <summary>SQLite's text for a REAL (<c>CAST(x AS TEXT)</c>, <c>%!.15g</c>): 15 significant digits, always with a
    /// decimal point, and an exponent as <c>1.0e+20</c>.</summary>
    public static string Text(double d)
    {
        if (double.IsPositiveInfinity(d))
        {
            return "Inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-Inf";
        }

        var s = d.ToString("G15", CultureInfo.InvariantCulture);

        var e = s.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? s : s[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (e < 0)
        {
            return mantissa;
        }

        var exponent = s[(e + 1)..];
        var sign = exponent[0] is '-' or '+' ? exponent[0] : '+';
        var digits = exponent.TrimStart('-', '+');
        return mantissa + "e" + sign + digits.PadLeft(2, '0');
    }

    /// <summary>The number <c>sqlite3_value_double</c> gives: integers and reals as they are, text (and a blob's bytes)
    /// by its longest leading decimal number after white space, 0.0 when there is none, and 0.0 for NULL.</summary>
    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        string s => ParsePrefix(s),
        byte[] b => ParsePrefix(Encoding.UTF8.GetString(CString(b))),
        _ => 0.0,
    };

    /// <summary>The number <c>sqlite3_value_int</c> gives (an integer, a real truncated, text by its leading number),
    /// as 64 bits.</summary>
    public static long ToInteger(object? value) => value switch
    {
        long l => l,
        double d => double.IsNaN(d) ? 0 : (long)Math.Clamp(d, long.MinValue, long.MaxValue),
        null or DBNull => 0,
        _ => ToInteger(ToDouble(value)),
    };

    private static double ParsePrefix(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        var start = i;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return 0.0;
        }

        var end = i;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
            {
                j++;
            }

            var expStart = j;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                j++;
            }

            if (j > expStart)
            {
                end = j;
            }
        }

        return double.TryParse(s.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0.0;
    }
}
