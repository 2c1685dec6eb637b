// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>A minimal DER reader (ITU-T X.690): tag, definite length, content. Enough for X.509 certificates without
/// the platform crypto library, which a slim container image may lack (.NET's X509Certificate2 needs libssl).</summary>
internal static class Der
{
    /// <summary>Reads one element from the front of <paramref name="input"/> and advances past it; false when the
    /// element is cut short or uses a length form DER forbids (indefinite, more than 4 length bytes).</summary>
    public static bool TryRead(ref ReadOnlySpan<byte> input, out byte tag, out ReadOnlySpan<byte> content)
    {
        tag = 0;
        content = default;
        if (input.Length < 2 || (input[0] & 0x1f) == 0x1f)
        {
            return false;
        }

        tag = input[0];
        int length = input[1];
        var header = 2;
        if (length >= 0x80)
        {
            var n = length & 0x7f;
            if (n is 0 or > 4 || input.Length < 2 + n)
            {
                return false;
            }

            long l = 0;
            for (var i = 0; i < n; i++)
            {
                l = (l << 8) | input[2 + i];
            }

            if (l > int.MaxValue)
            {
                return false;
            }

            length = (int)l;
            header += n;
        }

        if (input.Length - header < length)
        {
            return false;
        }

        content = input.Slice(header, length);
        input = input[(header + length)..];
        return true;
    }

    /// <summary>Reads an element that must have <paramref name="expected"/> as its tag.</summary>
    public static bool TryRead(ref ReadOnlySpan<byte> input, byte expected, out ReadOnlySpan<byte> content) =>
        TryRead(ref input, out var tag, out content) && tag == expected;

    /// <summary>Dotted text of an OBJECT IDENTIFIER's content.</summary>
    public static string Oid(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return "";
        }

        var sb = new StringBuilder();
        var first = content[0];
        sb.Append(first < 80 ? first / 40 : 2).Append('.').Append(first < 80 ? first % 40 : first - 80);
        ulong value = 0;
        for (var i = 1; i < content.Length; i++)
        {
            value = (value << 7) | (uint)(content[i] & 0x7f);
            if ((content[i] & 0x80) == 0)
            {
                sb.Append('.').Append(value);
                value = 0;
            }
        }

        return sb.ToString();
    }

    /// <summary>A directory string (PrintableString, UTF8String, IA5String, TeletexString, BMPString, UniversalString).</summary>
    public static string Text(byte tag, ReadOnlySpan<byte> content) => tag switch
    {
        0x1E => Encoding.BigEndianUnicode.GetString(content),
        0x1C => new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(content),
        0x14 => Encoding.Latin1.GetString(content),
        _ => Encoding.UTF8.GetString(content),
    };
}
