// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FarQuery.Tables.Tests.Support;
using FarQuery.TestSupport;

namespace FarQuery.Tables.Tests.Network;

/// <summary>curl_certificate against a real TLS server on 127.0.0.1 with a self-signed certificate made here.</summary>
[Collection(nameof(StarvedPoolCollection))]
public sealed class CurlCertificateTableTests
{
    /// <summary>A TLS server on loopback that completes handshakes with <see cref="Certificate"/> and closes.</summary>
    private sealed class TlsServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public TlsServer(X509Certificate2 certificate)
        {
            Certificate = certificate;
            listener.Start();
            loop = Task.Run(AcceptAsync);
        }

        public X509Certificate2 Certificate { get; }

        public string Hostname => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        public int Handshakes;

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    await using var tls = new SslStream(client.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, stop.Token);
                    Interlocked.Increment(ref Handshakes);
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client went away mid-handshake; serve the next one.
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Stopping.
            }

            stop.Dispose();
            Certificate.Dispose();
        }
    }

    private static X509Certificate2 SelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=farquery-test, O=FarQuery Tests, OU=Tables", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.CreateSelfSigned(notBefore, notAfter);

        // An ephemeral key cannot serve TLS on Linux until exported and loaded again.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private static int Index(IReadOnlyList<string> columns, string name) => columns.ToList().IndexOf(name);

    [Fact]
    public void SelectStar_SelfSignedLoopbackServer_TheServersCertificate()
    {
        var now = DateTimeOffset.UtcNow;
        using var server = new TlsServer(SelfSigned(now.AddDays(-1), now.AddDays(30)));

        var result = TableAssert.SelectStarMatchesSpec("curl_certificate", $"select * from curl_certificate where hostname = '{server.Hostname}'");

        var row = Assert.Single(result.Rows);
        string Column(string name) => (string)row[Index(result.Columns, name)]!;
        Assert.Equal(server.Hostname, Column("hostname"));
        Assert.Equal("farquery-test", Column("common_name"));
        Assert.Equal("FarQuery Tests", Column("organization"));
        Assert.Equal("Tables", Column("organization_unit"));
        Assert.Equal("farquery-test", Column("issuer_common_name"));
        Assert.Equal(server.Certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(), Column("sha256_fingerprint"));
        Assert.Equal(server.Certificate.Thumbprint.ToLowerInvariant(), Column("sha1_fingerprint"));
        Assert.Equal(server.Certificate.SerialNumber, Column("serial_number"), ignoreCase: true);
        Assert.Equal(server.Certificate.NotAfter.ToUniversalTime(), DateTimeOffset.FromUnixTimeSeconds(long.Parse(Column("valid_to"), System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime);
        Assert.Equal("ecdsa-with-SHA256", Column("signature_algorithm"));
        Assert.Contains("DNS:localhost", Column("subject_alternative_names"), StringComparison.Ordinal);
        Assert.Contains("IP Address:127.0.0.1", Column("subject_alternative_names"), StringComparison.Ordinal);
        Assert.Contains("CA:FALSE", Column("basic_constraint"), StringComparison.Ordinal);
        Assert.Contains("TLS Web Server Authentication", Column("extended_key_usage"), StringComparison.Ordinal);
        Assert.Equal("Digital Signature", Column("key_usage"));
        Assert.NotEmpty(Column("signature"));
        Assert.NotEmpty(Column("subject_key_identifier"));
        Assert.Equal(3L, row[Index(result.Columns, "version")]);
        Assert.Equal(0L, row[Index(result.Columns, "has_expired")]);
        Assert.Null(row[Index(result.Columns, "pem")]);
    }

    [Fact]
    public void Query_DumpCertificateAndExpired_PemAndHasExpired()
    {
        var now = DateTimeOffset.UtcNow;
        using var server = new TlsServer(SelfSigned(now.AddDays(-30), now.AddDays(-1)));
        using var host = TableAssert.Host();

        var row = host.Query($"select has_expired, pem, dump_certificate, timeout from curl_certificate where hostname = '{server.Hostname}' and dump_certificate = 1 and timeout = 10").Rows.Single();

        Assert.Equal(1L, row[0]);
        Assert.Equal(server.Certificate.ExportCertificatePem(), row[1]);
        Assert.Equal([1L, 10L], row[2..]);
    }

    [Fact]
    public void Query_PlainTcpServerThatNeverHandshakes_NoRowWithinTheTimeout()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            using var host = TableAssert.Host();
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;

            Assert.Empty(host.Query($"select * from curl_certificate where hostname = '127.0.0.1:{port}' and timeout = 1").Rows);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public void Query_ServerThatNeverHandshakes_ThreadPoolStarved_StillEndsAtTheTimeout()
    {
        // The table runs on SQLite's thread: neither its connect and handshake nor its timeout may wait for a pool thread.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            using var host = TableAssert.Host();
            host.Query("select 1");
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            bool waited;
            using (var starved = new StarvedThreadPool(TimeSpan.FromSeconds(30)))
            {
                Assert.Empty(host.Query($"select * from curl_certificate where hostname = '127.0.0.1:{port}' and timeout = 1").Rows);
                waited = starved.ReleasedBySafety;
            }

            Assert.False(waited, "the handshake's timeout waited for the starved pool");
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public void Query_WithoutHostname_FailsWithTheRequiredColumnError()
    {
        using var host = TableAssert.Host();

        var e = Assert.ThrowsAny<Exception>(() => host.Query("select * from curl_certificate"));

        Assert.Contains("required", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
