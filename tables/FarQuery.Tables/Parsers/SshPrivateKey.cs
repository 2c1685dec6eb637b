// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>What can be told about a private key file without its passphrase, in the terms of osquery's
/// <c>user_ssh_keys</c> (docs/osquery-compat.md §1): PEM keys (PKCS#1 RSA, DSA, SEC 1 EC, PKCS#8 plain or encrypted,
/// RFC 7468) are read from their DER; OpenSSH's own format is recognised by its header and only its encryption is
/// reported, as OpenSSL cannot read it.</summary>
/// <param name="Encrypted">The key needs a passphrase.</param>
/// <param name="KeyType">rsa, dsa, ec or empty (an encrypted key, an OpenSSH-format key, Ed25519...).</param>
/// <param name="GroupName">The named curve of an EC key (OpenSSL's name, e.g. prime256v1), else empty.</param>
/// <param name="Length">The key's size in bits (RSA/DSA modulus, curve order), or null when unreadable.</param>
/// <param name="SecurityBits">Bits of security per NIST SP 800-57 as OpenSSL computes them, or null when unreadable.</param>
internal sealed record SshPrivateKey(bool Encrypted, string KeyType, string GroupName, long? Length, long? SecurityBits)
{
    private const string OpenSshHeader = "-----BEGIN OPENSSH PRIVATE KEY-----";

    /// <summary>"openssh-key-v1\0", then the cipher name "none" with its length, in base64: the start of every
    /// unencrypted OpenSSH-format key (PROTOCOL.key in the OpenSSH sources describes the layout).</summary>
    private const string OpenSshUnencryptedPrefix = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU";

    private static readonly string[] PemLabels = ["ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"];

    /// <summary>False when the file is not a private key (a public key, a config, a known_hosts, a damaged PEM).</summary>
    public static bool TryParse(ReadOnlySpan<byte> content, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        var text = Encoding.ASCII.GetString(content);
        if (TryPem(text, out var label, out var headers, out var der))
        {
            if (label == "ENCRYPTED PRIVATE KEY" || headers.Contains("ENCRYPTED", StringComparison.Ordinal))
            {
                key = key with { Encrypted = true };
                return true;
            }

            if (TryDer(label, der, out var parsed))
            {
                key = parsed;
                return true;
            }
        }

        // The OpenSSH check looks at the file's very start, as osquery does.
        if (text.StartsWith(OpenSshHeader, StringComparison.Ordinal))
        {
            var start = OpenSshHeader.Length + 1;
            var prefix = text.Length >= start ? text.Substring(start, Math.Min(OpenSshUnencryptedPrefix.Length, text.Length - start)) : "";
            key = key with { Encrypted = prefix != OpenSshUnencryptedPrefix };
            return true;
        }

        return false;
    }

    /// <summary>The first PEM block whose label is a private key's: its label, its RFC 1421 header lines (Proc-Type,
    /// DEK-Info) and its decoded body.</summary>
    private static bool TryPem(string text, out string label, out string headers, out byte[] der)
    {
        label = headers = "";
        der = [];
        var at = 0;
        while ((at = text.IndexOf("-----BEGIN ", at, StringComparison.Ordinal)) >= 0)
        {
            var labelEnd = text.IndexOf("-----", at + 11, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                return false;
            }

            label = text[(at + 11)..labelEnd];
            var bodyStart = labelEnd + 5;
            at = bodyStart;
            if (Array.IndexOf(PemLabels, label) < 0)
            {
                continue;
            }

            var end = text.IndexOf("-----END " + label + "-----", bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            var body = new StringBuilder();
            var head = new StringBuilder();
            foreach (var raw in text[bodyStart..end].Split('\n'))
            {
                var line = raw.Trim();
                (line.Contains(':') ? head : body).Append(line);
            }

            headers = head.ToString();
            var buffer = new byte[body.Length];
            if (!Convert.TryFromBase64String(body.ToString(), buffer, out var written))
            {
                return false;
            }

            der = buffer[..written];
            return true;
        }

        return false;
    }

    /// <summary>Reads the key's algorithm and size from an unencrypted DER body.</summary>
    private static bool TryDer(string label, ReadOnlySpan<byte> der, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        if (!Der.TryRead(ref der, 0x30, out var seq))
        {
            return false;
        }

        switch (label)
        {
            case "RSA PRIVATE KEY":
                return TryRsa(seq, out key);
            case "DSA PRIVATE KEY":
                return TryDsa(seq, out key);
            case "EC PRIVATE KEY":
                return TryEc(seq, null, out key);
        }

        // PKCS#8 (RFC 5208): version, AlgorithmIdentifier { oid, params }, OCTET STRING key.
        if (!Der.TryRead(ref seq, 0x02, out _) || !Der.TryRead(ref seq, 0x30, out var algorithm)
            || !Der.TryRead(ref algorithm, 0x06, out var oidBytes) || !Der.TryRead(ref seq, 0x04, out var inner))
        {
            return false;
        }

        var parameters = algorithm;
        switch (Der.Oid(oidBytes))
        {
            case "1.2.840.113549.1.1.1" when Der.TryRead(ref inner, 0x30, out var rsa):
                return TryRsa(rsa, out key);
            case "1.2.840.10040.4.1" when Der.TryRead(ref parameters, 0x30, out var dsaParams):
                return TryDsaParameters(dsaParams, out key);
            case "1.2.840.10045.2.1" when Der.TryRead(ref parameters, 0x06, out var curve) && Der.TryRead(ref inner, 0x30, out var ec):
                return TryEc(ec, Der.Oid(curve), out key);
            case "1.3.101.112":
                key = new SshPrivateKey(false, "", "", 253, 128);
                return true;
            case "1.3.101.113":
                key = new SshPrivateKey(false, "", "", 456, 224);
                return true;
            default:
                return true;
        }
    }

    /// <summary>PKCS#1 RSAPrivateKey: version, modulus, ...</summary>
    private static bool TryRsa(ReadOnlySpan<byte> seq, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        if (!Der.TryRead(ref seq, 0x02, out _) || !Der.TryRead(ref seq, 0x02, out var modulus))
        {
            return false;
        }

        var bits = Bits(modulus);
        key = new SshPrivateKey(false, "rsa", "", bits, IfcSecurityBits(bits));
        return true;
    }

    /// <summary>OpenSSL's DSA private key: version, p, q, g, y, x.</summary>
    private static bool TryDsa(ReadOnlySpan<byte> seq, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        return Der.TryRead(ref seq, 0x02, out _) && TryDsaParameters(seq, out key);
    }

    /// <summary>p and q of a DSA key; its security is the lesser of p's (as for RSA, in OpenSSL's older table) and
    /// half of q's size.</summary>
    private static bool TryDsaParameters(ReadOnlySpan<byte> seq, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        if (!Der.TryRead(ref seq, 0x02, out var p) || !Der.TryRead(ref seq, 0x02, out var q))
        {
            return false;
        }

        var l = Bits(p);
        var table = l >= 15360 ? 256 : l >= 7680 ? 192 : l >= 3072 ? 128 : l >= 2048 ? 112 : l >= 1024 ? 80 : 0;
        var half = Bits(q) / 2;
        key = new SshPrivateKey(false, "dsa", "", l, half < 80 ? 0 : Math.Min(half, table));
        return true;
    }

    /// <summary>SEC 1 ECPrivateKey: version, private key, [0] named curve (absent inside PKCS#8, which names it in the
    /// AlgorithmIdentifier instead).</summary>
    private static bool TryEc(ReadOnlySpan<byte> seq, string? curveOid, out SshPrivateKey key)
    {
        key = new SshPrivateKey(false, "", "", null, null);
        if (!Der.TryRead(ref seq, 0x02, out _) || !Der.TryRead(ref seq, 0x04, out _))
        {
            return false;
        }

        while (curveOid is null && Der.TryRead(ref seq, out var tag, out var element))
        {
            if (tag == 0xA0 && Der.TryRead(ref element, 0x06, out var oid))
            {
                curveOid = Der.Oid(oid);
            }
        }

        (string Name, int Bits) curve = curveOid switch
        {
            "1.2.840.10045.3.1.7" => ("prime256v1", 256),
            "1.3.132.0.34" => ("secp384r1", 384),
            "1.3.132.0.35" => ("secp521r1", 521),
            "1.3.132.0.10" => ("secp256k1", 256),
            "1.3.132.0.33" => ("secp224r1", 224),
            "1.2.840.10045.3.1.1" => ("prime192v1", 192),
            _ => ("", 0),
        };
        var security = curve.Bits >= 512 ? 256 : curve.Bits >= 384 ? 192 : curve.Bits >= 256 ? 128 : curve.Bits >= 224 ? 112 : curve.Bits >= 160 ? 80 : curve.Bits / 2;
        key = new SshPrivateKey(false, "ec", curve.Name, curve.Bits == 0 ? null : curve.Bits, curve.Bits == 0 ? null : security);
        return true;
    }

    /// <summary>Significant bits of a DER INTEGER's content (leading zero bytes and bits dropped).</summary>
    private static int Bits(ReadOnlySpan<byte> integer)
    {
        integer = integer.TrimStart((byte)0);
        return integer.IsEmpty ? 0 : ((integer.Length - 1) * 8) + (32 - int.LeadingZeroCount(integer[0]));
    }

    /// <summary>Security strength of an RSA modulus as OpenSSL 3 gives it: the SP 800-56B table for the usual sizes,
    /// its general formula (1.923·∛(x·ln²x) − 4.69) / ln 2 with x = n·ln 2, rounded to a multiple of 8, elsewhere.</summary>
    internal static long IfcSecurityBits(int n)
    {
        switch (n)
        {
            case 2048: return 112;
            case 3072: return 128;
            case 4096: return 152;
            case 6144: return 176;
            case 7680: return 192;
            case 8192: return 200;
            case 15360: return 256;
        }

        if (n < 8)
        {
            return 0;
        }

        var cap = n <= 7680 ? 192 : n <= 15360 ? 256 : 1200;
        var x = n * Math.Log(2);
        var y = (long)(((1.923 * Math.Cbrt(x * Math.Log(x) * Math.Log(x))) - 4.69) / Math.Log(2));
        y = (y + 4) & ~7L;
        return Math.Min(y, cap);
    }
}
