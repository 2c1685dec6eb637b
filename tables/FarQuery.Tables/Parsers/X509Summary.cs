// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>What the certificates table reports from one DER X.509 certificate (RFC 5280 §4.1), read with
/// <see cref="Der"/>.</summary>
/// <param name="CommonName">Subject CN (the last one).</param>
/// <param name="Subject">Subject as OpenSSL's one-line form, /C=../O=../CN=...</param>
/// <param name="Issuer">Issuer in the same form.</param>
/// <param name="IsCa">basicConstraints cA.</param>
/// <param name="SelfSigned">Issuer and subject names are identical (the signature is not verified).</param>
/// <param name="KeyUsage">keyUsage bits by OpenSSL's names, comma separated.</param>
/// <param name="AuthorityKeyId">authorityKeyIdentifier keyIdentifier, hex.</param>
/// <param name="SubjectKeyId">subjectKeyIdentifier, hex.</param>
/// <param name="NotBefore">Validity start, seconds since the epoch.</param>
/// <param name="NotAfter">Validity end, seconds since the epoch.</param>
/// <param name="SigningAlgorithm">Signature algorithm name (or its OID when unknown).</param>
/// <param name="KeyAlgorithm">Public key algorithm name (or OID).</param>
/// <param name="KeyStrength">RSA modulus bits or EC curve bits, empty when unknown.</param>
/// <param name="Serial">Serial number, hex.</param>
/// <param name="Subject2">Subject as an RFC 4514 string: last RDN first, CN=..,O=..,C=.., special characters escaped.</param>
/// <param name="Issuer2">Issuer in the same form.</param>
internal sealed record X509Summary(string CommonName, string Subject, string Issuer, bool IsCa, bool SelfSigned, string KeyUsage,
    string AuthorityKeyId, string SubjectKeyId, long? NotBefore, long? NotAfter, string SigningAlgorithm, string KeyAlgorithm, string KeyStrength, string Serial,
    string Subject2, string Issuer2)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L", ["2.5.4.8"] = "ST", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU",
        ["2.5.4.5"] = "serialNumber", ["2.5.4.97"] = "organizationIdentifier", ["1.2.840.113549.1.9.1"] = "emailAddress",
        ["0.9.2342.19200300.100.1.25"] = "DC",
    };

    private static readonly Dictionary<string, string> Algorithms = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.1"] = "rsaEncryption", ["1.2.840.113549.1.1.4"] = "md5WithRSAEncryption",
        ["1.2.840.113549.1.1.5"] = "sha1WithRSAEncryption", ["1.2.840.113549.1.1.10"] = "rsassaPss",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption", ["1.2.840.113549.1.1.12"] = "sha384WithRSAEncryption",
        ["1.2.840.113549.1.1.13"] = "sha512WithRSAEncryption", ["1.2.840.10045.2.1"] = "id-ecPublicKey",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256", ["1.2.840.10045.4.3.3"] = "ecdsa-with-SHA384",
        ["1.2.840.10045.4.3.4"] = "ecdsa-with-SHA512", ["1.3.101.112"] = "ED25519", ["1.3.101.113"] = "ED448",
    };

    private static readonly Dictionary<string, string> CurveBits = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = "256", ["1.3.132.0.34"] = "384", ["1.3.132.0.35"] = "521",
    };

    private static readonly string[] KeyUsageNames =
        ["Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment", "Key Agreement", "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"];

    /// <summary>Parses a certificate; false when its structure up to the subject public key is not valid DER.
    /// Unreadable extensions are left empty rather than failing the certificate.</summary>
    public static bool TryParse(ReadOnlySpan<byte> der, out X509Summary cert)
    {
        cert = null!;
        if (!Der.TryRead(ref der, 0x30, out var certificate) || !Der.TryRead(ref certificate, 0x30, out var tbs))
        {
            return false;
        }

        if (!tbs.IsEmpty && tbs[0] == 0xA0 && !Der.TryRead(ref tbs, out _, out _))
        {
            return false;
        }

        if (!Der.TryRead(ref tbs, 0x02, out var serial) || !Der.TryRead(ref tbs, 0x30, out var sigAlg)
            || !Der.TryRead(ref tbs, 0x30, out var issuer) || !Der.TryRead(ref tbs, 0x30, out var validity)
            || !Der.TryRead(ref tbs, 0x30, out var subject) || !Der.TryRead(ref tbs, 0x30, out var spki))
        {
            return false;
        }

        var notBefore = Der.TryRead(ref validity, out var t1, out var v1) ? Time(t1, v1) : null;
        var notAfter = Der.TryRead(ref validity, out var t2, out var v2) ? Time(t2, v2) : null;
        var (keyAlgorithm, keyStrength) = PublicKey(spki);
        bool ca = false;
        string keyUsage = "", ski = "", aki = "";
        while (!tbs.IsEmpty && Der.TryRead(ref tbs, out var tag, out var field))
        {
            if (tag == 0xA3 && Der.TryRead(ref field, 0x30, out var extensions))
            {
                Extensions(extensions, ref ca, ref keyUsage, ref ski, ref aki);
            }
        }

        var subjectText = Name(subject, out var cn);
        cert = new X509Summary(cn, subjectText, Name(issuer, out _), ca, subject.SequenceEqual(issuer), keyUsage, aki, ski, notBefore, notAfter,
            Algorithm(sigAlg), keyAlgorithm, keyStrength, Convert.ToHexStringLower(serial), Rfc4514(subject), Rfc4514(issuer));
        return true;
    }

    private static string Algorithm(ReadOnlySpan<byte> algorithmIdentifier)
    {
        if (!Der.TryRead(ref algorithmIdentifier, 0x06, out var oid))
        {
            return "";
        }

        var dotted = Der.Oid(oid);
        return Algorithms.GetValueOrDefault(dotted, dotted);
    }

    private static (string Algorithm, string Strength) PublicKey(ReadOnlySpan<byte> spki)
    {
        if (!Der.TryRead(ref spki, 0x30, out var algId))
        {
            return ("", "");
        }

        var copy = algId;
        var name = Algorithm(copy);
        Der.TryRead(ref algId, out _, out _);
        if (name == "id-ecPublicKey" && Der.TryRead(ref algId, 0x06, out var curve))
        {
            return (name, CurveBits.GetValueOrDefault(Der.Oid(curve), ""));
        }

        if (name == "rsaEncryption" && Der.TryRead(ref spki, 0x03, out var bits) && bits.Length > 1)
        {
            var key = bits[1..];
            if (Der.TryRead(ref key, 0x30, out var rsa) && Der.TryRead(ref rsa, 0x02, out var modulus))
            {
                modulus = modulus.TrimStart((byte)0);
                var strength = modulus.IsEmpty ? 0 : (modulus.Length * 8) - (System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) - 24);
                return (name, strength.ToString(CultureInfo.InvariantCulture));
            }
        }

        return (name, name == "ED25519" ? "256" : "");
    }

    private static void Extensions(ReadOnlySpan<byte> list, ref bool ca, ref string keyUsage, ref string ski, ref string aki)
    {
        while (Der.TryRead(ref list, 0x30, out var ext))
        {
            if (!Der.TryRead(ref ext, 0x06, out var oidBytes))
            {
                continue;
            }

            if (!ext.IsEmpty && ext[0] == 0x01)
            {
                Der.TryRead(ref ext, out _, out _);
            }

            if (!Der.TryRead(ref ext, 0x04, out var value))
            {
                continue;
            }

            switch (Der.Oid(oidBytes))
            {
                case "2.5.29.19" when Der.TryRead(ref value, 0x30, out var bc):
                    ca = Der.TryRead(ref bc, 0x01, out var flag) && flag.Length == 1 && flag[0] != 0;
                    break;
                case "2.5.29.15" when Der.TryRead(ref value, 0x03, out var bits) && bits.Length > 1:
                    var names = new List<string>();
                    for (var i = 0; i < KeyUsageNames.Length && (i / 8) + 1 < bits.Length; i++)
                    {
                        if ((bits[1 + (i / 8)] & (0x80 >> (i % 8))) != 0)
                        {
                            names.Add(KeyUsageNames[i]);
                        }
                    }

                    keyUsage = string.Join(", ", names);
                    break;
                case "2.5.29.14" when Der.TryRead(ref value, 0x04, out var id):
                    ski = Convert.ToHexStringLower(id);
                    break;
                case "2.5.29.35" when Der.TryRead(ref value, 0x30, out var akid) && Der.TryRead(ref akid, 0x80, out var keyId):
                    aki = Convert.ToHexStringLower(keyId);
                    break;
            }
        }
    }

    private static string Name(ReadOnlySpan<byte> rdns, out string commonName)
    {
        commonName = "";
        var sb = new StringBuilder();
        while (Der.TryRead(ref rdns, 0x31, out var set))
        {
            while (Der.TryRead(ref set, 0x30, out var attribute))
            {
                if (!Der.TryRead(ref attribute, 0x06, out var oid) || !Der.TryRead(ref attribute, out var tag, out var value))
                {
                    continue;
                }

                var dotted = Der.Oid(oid);
                var text = Der.Text(tag, value);
                sb.Append('/').Append(Names.GetValueOrDefault(dotted, dotted)).Append('=').Append(text);
                if (dotted == "2.5.4.3")
                {
                    commonName = text;
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A Name as RFC 4514 §2 writes it: RDNs in reverse order separated by ',', the attributes of a
    /// multi-valued RDN joined by '+', values with ',', '+', '"', '\\', '&lt;', '&gt;', ';' escaped, and a leading '#' or
    /// space and a trailing space escaped.</summary>
    private static string Rfc4514(ReadOnlySpan<byte> rdns)
    {
        var parts = new List<string>();
        while (Der.TryRead(ref rdns, 0x31, out var set))
        {
            var rdn = new StringBuilder();
            while (Der.TryRead(ref set, 0x30, out var attribute))
            {
                if (!Der.TryRead(ref attribute, 0x06, out var oid) || !Der.TryRead(ref attribute, out var tag, out var value))
                {
                    continue;
                }

                var dotted = Der.Oid(oid);
                if (rdn.Length > 0)
                {
                    rdn.Append('+');
                }

                rdn.Append(Names.GetValueOrDefault(dotted, dotted)).Append('=').Append(Escape(Der.Text(tag, value)));
            }

            parts.Add(rdn.ToString());
        }

        parts.Reverse();
        return string.Join(',', parts);
    }

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (i == 0 && ch is '#' or ' ') || (i == value.Length - 1 && ch == ' '))
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    private static long? Time(byte tag, ReadOnlySpan<byte> value)
    {
        var s = Encoding.ASCII.GetString(value);
        var format = tag switch
        {
            0x17 => "yyMMddHHmmss'Z'",
            0x18 => "yyyyMMddHHmmss'Z'",
            _ => null,
        };
        if (format is null || !DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            return null;
        }

        // RFC 5280 §4.1.2.5.1: a two-digit year of 50 or more is 19YY, else 20YY (.NET's window differs).
        if (tag == 0x17)
        {
            var yy = int.Parse(s.AsSpan(0, 2), CultureInfo.InvariantCulture);
            t = new DateTime(yy >= 50 ? 1900 + yy : 2000 + yy, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc);
        }

        return new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds();
    }
}
