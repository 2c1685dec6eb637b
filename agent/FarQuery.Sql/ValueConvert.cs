// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Sql;

/// <summary>Conversions from table values to a column's declared SQL type, and the one text form of a value that the
/// CLI, the result logs and the backend share.</summary>
public static class ValueConvert
{
    /// <summary>An integer from any integral, boolean, floating or numeric-text value.</summary>
    public static bool TryInteger(object value, out long result)
    {
        switch (value)
        {
            case long l: result = l; return true;
            case int i: result = i; return true;
            case uint u: result = u; return true;
            case ulong ul: result = unchecked((long)ul); return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte b: result = b; return true;
            case bool f: result = f ? 1 : 0; return true;
            case double d when !double.IsNaN(d): result = (long)d; return true;
            case string t: return long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
            default: result = 0; return false;
        }
    }

    /// <summary>A double from any numeric or numeric-text value.</summary>
    public static bool TryDouble(object value, out double result)
    {
        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case string t: return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                if (TryInteger(value, out var l))
                {
                    result = l;
                    return true;
                }

                result = 0;
                return false;
        }
    }

    /// <summary>Text for any value, in the invariant culture; NULL is the empty string (osquery's logs do the same).</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "1" : "0",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
