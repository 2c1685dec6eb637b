// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FarQuery.Remote.Tests.Support;

/// <summary>A throw-away PKI made by the test: a CA, a server certificate for 127.0.0.1/localhost, one for another name,
/// and a client certificate, each also written as PEM files in a temporary directory.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("farquery-pki-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=FarQuery Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Server = Issue("CN=127.0.0.1", ["localhost"], [IPAddress.Loopback], serverAuth: true);
        WrongHost = Issue("CN=wrong.example", ["wrong.example"], [], serverAuth: true);
        Client = Issue("CN=farquery-agent", [], [], serverAuth: false);
        CaPath = Write("ca.pem", Ca.ExportCertificatePem());
        ClientCertPath = Write("client.pem", Client.ExportCertificatePem());
        ClientKeyPath = Write("client.key", Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 WrongHost { get; }

    public X509Certificate2 Client { get; }

    public string CaPath { get; }

    public string ClientCertPath { get; }

    public string ClientKeyPath { get; }

    private X509Certificate2 Issue(string subject, string[] dns, IPAddress[] ips, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (dns.Length + ips.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var d in dns)
            {
                san.AddDnsName(d);
            }

            foreach (var ip in ips)
            {
                san.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        // Round-trip through PKCS#12 so SslStream on Linux gets a certificate whose key it can use for the handshake.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        WrongHost.Dispose();
        Client.Dispose();
        System.IO.Directory.Delete(Directory, true);
    }
}
