// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FarQuery.Tables;

/// <summary>The leaf certificate of each hostname the query names, read with <see cref="TlsPeer"/>: subject and issuer
/// names, validity, fingerprints and the extensions in OpenSSL's printed form (.NET formats extensions with OpenSSL
/// on Linux, which is what osquery prints). A host that cannot be reached gives no row, as osquery's.</summary>
public sealed partial class CurlCertificateTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var dump = query.IntegerEquals(C.DumpCertificate)?.FirstOrDefault();
        var seconds = query.IntegerEquals(C.Timeout) is [var s, ..] ? s : (long?)null;
        var timeout = seconds is { } t ? TimeSpan.FromSeconds(Math.Max(0, t)) : HttpFetch.CurlTimeout(Context);
        foreach (var hostname in query.TextEquals(C.Hostname) ?? [])
        {
            if (!TlsPeer.TrySplit(hostname, out var host, out var port))
            {
                continue;
            }

            using var cert = TlsPeer.Fetch(host, port, timeout, query.Cancellation, out _);
            if (cert is null || !X509Summary.TryParse(cert.RawData, out var summary))
            {
                continue;
            }

            var row = NewRow();
            row.Hostname = hostname;
            row.DumpCertificate = dump;
            row.Timeout = seconds;
            Fill(row, cert, summary, dump == 1);
            yield return row;
        }
    }

    private static void Fill(Row row, X509Certificate2 cert, X509Summary c, bool dump)
    {
        row.CommonName = c.CommonName;
        row.Organization = Attribute(cert.SubjectName, "2.5.4.10");
        row.OrganizationUnit = Attribute(cert.SubjectName, "2.5.4.11");
        row.SerialNumber = c.Serial;
        row.IssuerCommonName = Attribute(cert.IssuerName, "2.5.4.3");
        row.IssuerOrganization = Attribute(cert.IssuerName, "2.5.4.10");
        row.IssuerOrganizationUnit = Attribute(cert.IssuerName, "2.5.4.11");
        row.ValidFrom = c.NotBefore?.ToString(CultureInfo.InvariantCulture);
        row.ValidTo = c.NotAfter?.ToString(CultureInfo.InvariantCulture);
        row.Sha256Fingerprint = cert.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        row.Sha1Fingerprint = cert.GetCertHashString(HashAlgorithmName.SHA1).ToLowerInvariant();
        row.Version = cert.Version;
        row.SignatureAlgorithm = c.SigningAlgorithm;
        row.Signature = Signature(cert.RawData);
        row.SubjectKeyIdentifier = c.SubjectKeyId;
        row.AuthorityKeyIdentifier = c.AuthorityKeyId;
        row.KeyUsage = c.KeyUsage;
        row.ExtendedKeyUsage = Extension(cert, "2.5.29.37");
        row.Policies = Extension(cert, "2.5.29.32");
        row.SubjectAlternativeNames = Extension(cert, "2.5.29.17");
        row.IssuerAlternativeNames = Extension(cert, "2.5.29.18");
        row.InfoAccess = Extension(cert, "1.3.6.1.5.5.7.1.1");
        row.SubjectInfoAccess = Extension(cert, "1.3.6.1.5.5.7.1.11");
        row.PolicyMappings = Extension(cert, "2.5.29.33");
        row.HasExpired = c.NotAfter is { } end && end < DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? 1L : 0L;
        row.BasicConstraint = Extension(cert, "2.5.29.19");
        row.NameConstraints = Extension(cert, "2.5.29.30");
        row.PolicyConstraints = Extension(cert, "2.5.29.36");
        row.Pem = dump ? cert.ExportCertificatePem() : null;
    }

    /// <summary>The last value of one attribute of a name (the most specific, as OpenSSL's lookup by NID returns).</summary>
    private static string Attribute(X500DistinguishedName name, string oid)
    {
        var value = "";
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid)
            {
                value = rdn.GetSingleElementValue() ?? "";
            }
        }

        return value;
    }

    /// <summary>An extension printed on one line, empty when the certificate has none.</summary>
    private static string Extension(X509Certificate2 cert, string oid) =>
        cert.Extensions[oid] is { } e ? e.Format(multiLine: false) : "";

    /// <summary>The signatureValue BIT STRING (RFC 5280 §4.1.1.3) as hex, without its unused-bits byte.</summary>
    private static string Signature(ReadOnlySpan<byte> der)
    {
        if (!Der.TryRead(ref der, 0x30, out var certificate) || !Der.TryRead(ref certificate, out _, out _)
            || !Der.TryRead(ref certificate, out _, out _) || !Der.TryRead(ref certificate, 0x03, out var bits) || bits.IsEmpty)
        {
            return "";
        }

        return Convert.ToHexStringLower(bits[1..]);
    }
}
