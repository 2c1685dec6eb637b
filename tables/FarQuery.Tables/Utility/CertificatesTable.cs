// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Certificates of the system trust store: the distribution's PEM bundle (Debian/Ubuntu, Amazon Linux/Fedora,
/// Alpine) and the locally added anchors, or the files given by <c>path =</c>. Parsed by a small DER reader, not .NET's
/// X509Certificate2, which needs libssl at run time. Only regular files of ordinary file systems are read, each up to
/// <see cref="MaxFileBytes"/> (a larger file, a device, a FIFO or a /proc file gives no rows); a directory in
/// <c>path =</c> is listed one level deep, without following symlinked directories.</summary>
public sealed partial class CertificatesTable(TableContext context) : Table(context)
{
    /// <summary>The largest file read: the biggest distribution bundles are about 250 KB.</summary>
    internal const long MaxFileBytes = 4L << 20;

    // The first bundle found is read: on each distribution the others are links to it or absent.
    private static readonly string[] Bundles =
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ];

    private static readonly string[] AnchorDirectories = ["/usr/local/share/ca-certificates", "/etc/pki/ca-trust/source/anchors"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var files = new List<string>();
        var budget = WalkBudget.For(Schema.Name, query);
        if (query.TextEquals(C.Path) is { } paths)
        {
            foreach (var p in paths)
            {
                files.AddRange(PackageFiles.IsDirectory(Context.Fs, p) ? PackageFiles.Files(Context.Fs, p, budget) : [p]);
            }
        }
        else
        {
            files.AddRange(Bundles.Where(b => PackageFiles.IsFile(Context.Fs, b)).Take(1));
            files.AddRange(AnchorDirectories.SelectMany(d => PackageFiles.Files(Context.Fs, d, budget)));
        }

        foreach (var file in files)
        {
            if (!Context.Fs.TryReadUserFile(file, MaxFileBytes, query.Cancellation, out var bytes, out _))
            {
                continue;
            }

            foreach (var der in PemBlocks.Certificates(bytes))
            {
                if (!X509Summary.TryParse(der, out var c))
                {
                    continue;
                }

                var sha1 = new Sha1Hash();
                sha1.Append(der);
                var row = NewRow();
                row.CommonName = c.CommonName;
                row.Subject = c.Subject;
                row.Issuer = c.Issuer;
                row.Ca = c.IsCa ? 1L : 0L;
                row.SelfSigned = c.SelfSigned ? 1L : 0L;
                row.KeyUsage = c.KeyUsage;
                row.AuthorityKeyId = c.AuthorityKeyId;
                row.SubjectKeyId = c.SubjectKeyId;
                // osquery's type for the dates is TEXT; the value is still seconds since the epoch.
                row.NotValidBefore = c.NotBefore?.ToString(CultureInfo.InvariantCulture);
                row.NotValidAfter = c.NotAfter?.ToString(CultureInfo.InvariantCulture);
                row.SigningAlgorithm = c.SigningAlgorithm;
                row.KeyAlgorithm = c.KeyAlgorithm;
                row.KeyStrength = c.KeyStrength;
                row.Sha1 = Convert.ToHexStringLower(sha1.Finish());
                row.Path = file;
                row.Serial = c.Serial;
                row.Subject2 = c.Subject2;
                row.Issuer2 = c.Issuer2;
                yield return row;
            }
        }
    }
}
