// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql.Functions;

/// <summary>osquery's <c>to_base64</c>, <c>from_base64</c> and <c>conditional_to_base64</c> over the argument's bytes
/// (all of them, NULs included); NULL for NULL (docs/osquery-compat.md, "SQL functions").</summary>
internal static class EncodingFunctions
{
    /// <summary><c>to_base64(value)</c>: standard base64 with padding; empty for empty.</summary>
    public static string? ToBase64(object? value) => SqlValue.IsNull(value) ? null : Convert.ToBase64String(SqlValue.Bytes(value));

    /// <summary><c>conditional_to_base64(value)</c>: the value unchanged when every byte is printable ASCII (0x20 to
    /// 0x7E), else its base64.</summary>
    public static object? ConditionalToBase64(object? value)
    {
        if (SqlValue.IsNull(value))
        {
            return null;
        }

        var bytes = SqlValue.Bytes(value);
        return bytes.All(b => b is >= 0x20 and < 0x7F) ? SqlValue.Result(bytes) : Convert.ToBase64String(bytes);
    }

    /// <summary><c>from_base64(value)</c>: the decoded bytes, as text when they are UTF-8 (else a blob). As osquery:
    /// line breaks are dropped, trailing <c>=</c> are optional, bits short of a whole byte are ignored, and any other
    /// character outside the base64 alphabet gives an empty string.</summary>
    public static object? FromBase64(object? value)
    {
        if (SqlValue.IsNull(value))
        {
            return null;
        }

        // Line breaks go first, then the padding.
        var raw = SqlValue.Bytes(value);
        var text = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n'))
            {
                continue;
            }

            text.Add(raw[i]);
        }

        var end = text.Count;
        while (end > 0 && text[end - 1] == '=')
        {
            end--;
        }

        var output = new List<byte>(end * 3 / 4);
        int bits = 0, pending = 0;
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            var v = Sextet(c);
            if (v < 0)
            {
                return "";
            }

            pending = (pending << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(pending >> bits));
                pending &= (1 << bits) - 1;
            }
        }

        return SqlValue.Result([.. output]);
    }

    private static int Sextet(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };
}
