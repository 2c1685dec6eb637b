// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

/// <summary>The debian12 bundle is the first three certificates of this machine's /etc/ssl/certs/ca-certificates.crt;
/// corp-proxy.crt was made with `openssl req -x509 -newkey ec` (prime256v1). Expected values are what
/// `openssl x509 -noout -serial -dates -fingerprint -sha1 -text` printed for them.</summary>
public sealed class CertificatesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("certificates", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_LiveContainer_FindsWhatTheImageInstalled()
    {
        using var host = TableAssert.Host();
        var result = host.Query("select * from certificates");
        if (File.Exists("/etc/ssl/certs/ca-certificates.crt"))
        {
            var blocks = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt").Split("-----BEGIN CERTIFICATE-----").Length - 1;
            Assert.Equal(blocks, result.Rows().Count(r => (string)r["path"]! == "/etc/ssl/certs/ca-certificates.crt"));
        }
    }

    [Fact]
    public void Query_LiveBundle_Sha1AndSerialMatchOpenssl()
    {
        const string bundle = "/etc/ssl/certs/ca-certificates.crt";
        if (!File.Exists(bundle))
        {
            Console.Error.WriteLine("SKIPPED: no Debian CA bundle on this machine");
            return;
        }

        using var host = TableAssert.Host();
        var rows = host.Query($"select sha1, serial from certificates where path = '{bundle}'").Rows();
        var pems = File.ReadAllText(bundle).Split("-----BEGIN CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries).Where(b => b.Contains("-----END", StringComparison.Ordinal)).Take(5).ToList();
        for (var i = 0; i < pems.Count; i++)
        {
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, "-----BEGIN CERTIFICATE-----" + pems[i]);
                var output = Fixtures.RequireTool("openssl", "x509", "-in", file, "-noout", "-fingerprint", "-sha1", "-serial");
                if (output is null)
                {
                    return;
                }

                var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(lines[0].Split('=')[1].Replace(":", "", StringComparison.Ordinal).ToLowerInvariant(), rows[i]["sha1"]);
                Assert.Equal(lines[1].Split('=')[1].ToLowerInvariant().TrimStart('0'), ((string)rows[i]["serial"]!).TrimStart('0'));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void Query_Debian12_RsaRootWithExtensions()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from certificates where common_name = 'ACCVRAIZ1'").Rows());
        Assert.Equal("/CN=ACCVRAIZ1/OU=PKIACCV/O=ACCV/C=ES", row["subject"]);
        Assert.Equal(row["subject"], row["issuer"]);
        Assert.Equal("C=ES,O=ACCV,OU=PKIACCV,CN=ACCVRAIZ1", row["subject2"]);
        Assert.Equal(row["subject2"], row["issuer2"]);
        Assert.Equal((1L, 1L), ((long)row["ca"]!, (long)row["self_signed"]!));
        Assert.Equal("Certificate Sign, CRL Sign", row["key_usage"]);
        Assert.Equal("d287b4e3df37279355f656ea81e536cc8c1e3fbd", row["subject_key_id"]);
        Assert.Equal("d287b4e3df37279355f656ea81e536cc8c1e3fbd", row["authority_key_id"]);
        Assert.Equal(new DateTimeOffset(2011, 5, 5, 9, 37, 37, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), row["not_valid_before"]);
        Assert.Equal(new DateTimeOffset(2030, 12, 31, 9, 37, 37, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), row["not_valid_after"]);
        Assert.Equal(("sha1WithRSAEncryption", "rsaEncryption", "4096"), ((string)row["signing_algorithm"]!, (string)row["key_algorithm"]!, (string)row["key_strength"]!));
        Assert.Equal("93057a8815c64fce882ffa9116522878bc536417", row["sha1"]);
        Assert.Equal("5ec3b7a6437fa4e0", row["serial"]);
        Assert.Equal("/etc/ssl/certs/ca-certificates.crt", row["path"]);
    }

    [Fact]
    public void Query_Debian12_EcdsaRootAndLocalAnchor()
    {
        var rows = Fixtures.Query("debian12", "select common_name, signing_algorithm, key_algorithm, key_strength, sha1, path, not_valid_after from certificates").Rows();
        Assert.Equal(4, rows.Count);
        var ec = rows.Single(r => (string)r["common_name"]! == "AC RAIZ FNMT-RCM SERVIDORES SEGUROS");
        Assert.Equal(("ecdsa-with-SHA384", "id-ecPublicKey", "384"), ((string)ec["signing_algorithm"]!, (string)ec["key_algorithm"]!, (string)ec["key_strength"]!));
        Assert.Equal(new DateTimeOffset(2043, 12, 20, 9, 37, 33, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ec["not_valid_after"]);
        var anchor = rows.Single(r => (string)r["path"]! == "/usr/local/share/ca-certificates/corp-proxy.crt");
        Assert.Equal("Example Corp TLS Inspection", anchor["common_name"]);
        Assert.Equal("6cfeb95c5543923a525f4b5707f0a8dae30e1f62", anchor["sha1"]);
        Assert.Equal("256", anchor["key_strength"]);

        // The FNMT root has no CN: the column is empty, the subject still names it.
        Assert.Contains(rows, r => (string)r["common_name"]! == "");
    }

    [Fact]
    public void Query_DamagedBundle_ReadableCertificatesOnly()
    {
        // Bad base64, a block of valid base64 that is not DER, a block cut before its END line: only the last, intact
        // copy of ACCVRAIZ1 gives a row.
        var row = Assert.Single(Fixtures.Query("damaged", "select common_name from certificates").Rows());
        Assert.Equal("ACCVRAIZ1", row["common_name"]);
    }
}
