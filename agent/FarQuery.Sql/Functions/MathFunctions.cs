// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql.Functions;

/// <summary>osquery's math functions, which replace SQLite's built-ins of the same names: <c>sqrt</c>, <c>acos</c>,
/// <c>asin</c>, <c>atan</c>, <c>cos</c>, <c>sin</c>, <c>tan</c>, <c>cot</c>, <c>exp</c>, <c>log</c> (natural, where
/// SQLite's one-argument <c>log</c> is base 10), <c>log10</c>, <c>power</c>, <c>ceil</c>, <c>floor</c>,
/// <c>degrees</c>, <c>radians</c> and <c>pi</c>. A NULL argument gives NULL; text is read as SQLite reads it as a number.
/// Where C's math library reports a domain error (<c>sqrt(-1)</c>, <c>log(-1)</c>, <c>asin(2)</c>) or a pole or range
/// error (<c>log(0)</c>, <c>power(0, -1)</c>, overflow) the query fails with the C library's message, as in osquery
/// (docs/osquery-compat.md, "SQL functions").</summary>
internal static class MathFunctions
{
    /// <summary>glibc's strerror(EDOM).</summary>
    public const string DomainError = "Numerical argument out of domain";

    /// <summary>glibc's strerror(ERANGE).</summary>
    public const string RangeError = "Numerical result out of range";

    /// <summary>The functions of one argument, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<double, double>> Unary = new Dictionary<string, Func<double, double>>(StringComparer.Ordinal)
    {
        ["sqrt"] = x => x < 0 ? throw Domain() : Math.Sqrt(x),
        ["acos"] = x => Math.Abs(x) > 1 ? throw Domain() : Math.Acos(x),
        ["asin"] = x => Math.Abs(x) > 1 ? throw Domain() : Math.Asin(x),
        ["atan"] = Math.Atan,
        ["cos"] = x => double.IsInfinity(x) ? throw Domain() : Math.Cos(x),
        ["sin"] = x => double.IsInfinity(x) ? throw Domain() : Math.Sin(x),
        ["tan"] = x => double.IsInfinity(x) ? throw Domain() : Math.Tan(x),
        ["cot"] = x => double.IsInfinity(x) ? throw Domain() : 1.0 / Math.Tan(x),
        ["exp"] = Exp,
        ["log"] = x => Log(x, Math.Log),
        ["log10"] = x => Log(x, Math.Log10),
        ["degrees"] = x => 180.0 * x / Math.PI,
        ["radians"] = x => x * Math.PI / 180.0,
    };

    /// <summary>Runs a one-argument function: NULL for NULL, else the function of the argument read as a number.</summary>
    public static double? Call(Func<double, double> f, object? x) => SqlValue.IsNull(x) ? null : f(SqlValue.ToDouble(x));

    /// <summary><c>power(x, y)</c>.</summary>
    public static double? Power(object? x, object? y)
    {
        if (SqlValue.IsNull(x) || SqlValue.IsNull(y))
        {
            return null;
        }

        double a = SqlValue.ToDouble(x), b = SqlValue.ToDouble(y);
        if (a < 0 && double.IsFinite(a) && double.IsFinite(b) && b != Math.Floor(b))
        {
            throw Domain();
        }

        if (a == 0 && b < 0)
        {
            throw Range();
        }

        var r = Math.Pow(a, b);
        if (double.IsFinite(a) && double.IsFinite(b) && (double.IsInfinity(r) || (r == 0 && a != 0)))
        {
            throw Range();
        }

        return r;
    }

    /// <summary><c>ceil(x)</c> and <c>floor(x)</c> return integers, as osquery's do: an integer argument unchanged, any
    /// other rounded and converted to a 64-bit integer; NULL for NULL.</summary>
    public static long? Ceil(object? x) => Round(x, Math.Ceiling);

    /// <inheritdoc cref="Ceil"/>
    public static long? Floor(object? x) => Round(x, Math.Floor);

    private static long? Round(object? x, Func<double, double> f) => x switch
    {
        null or DBNull => null,
        long l => l,
        _ => SqlValue.ToInteger(f(SqlValue.ToDouble(x))),
    };

    // osquery calls expl, the long double exponential: it overflows only past about e^11356, and below that an
    // overflow of the double result is +Inf without an error.
    private static double Exp(double x) => x is > 11356.523406294143 or < -11355.137111933024 ? throw Range() : Math.Exp(x);

    private static double Log(double x, Func<double, double> f) => x switch
    {
        < 0 or double.NegativeInfinity => throw Domain(),
        0 => throw Range(),
        _ => f(x),
    };

    private static SqlQueryException Domain() => new(DomainError);

    private static SqlQueryException Range() => new(RangeError);
}
