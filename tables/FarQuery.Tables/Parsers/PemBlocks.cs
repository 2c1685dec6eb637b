// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The DER bodies of the "-----BEGIN CERTIFICATE-----" blocks of a PEM file (RFC 7468). A block with bad base64
/// or without its END line is skipped; the others are still returned.</summary>
internal static class PemBlocks
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    /// <summary>Each certificate's DER bytes, in file order.</summary>
    public static List<byte[]> Certificates(ReadOnlySpan<byte> pem)
    {
        var list = new List<byte[]>();
        var text = Encoding.ASCII.GetString(pem);
        var at = 0;
        while ((at = text.IndexOf(Begin, at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + Begin.Length;
            var end = text.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            // A BEGIN before this block's END means the previous block was cut; resume at the later BEGIN.
            var nextBegin = text.IndexOf(Begin, start, end - start, StringComparison.Ordinal);
            if (nextBegin >= 0)
            {
                at = nextBegin;
                continue;
            }

            var body = text[start..end];
            var buffer = new byte[body.Length];
            if (Convert.TryFromBase64String(body.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim(), buffer, out var written))
            {
                list.Add(buffer[..written]);
            }

            at = end + End.Length;
        }

        return list;
    }
}
