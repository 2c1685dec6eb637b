// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FarQuery.Remote.Tests.Support;

/// <summary>One HTTP request as the test server saw it.</summary>
public sealed record TestRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string? ClientCertificate);

/// <summary>The answer a handler gives.</summary>
public sealed record TestResponse(int Status, string Body, string ContentType = "application/json", string? Location = null);

/// <summary>A small real HTTP/1.1 server on 127.0.0.1 (Kestrel is not available here and HttpListener has no TLS on
/// Linux): TcpListener, optionally SslStream with a test certificate and required client certificates, keep-alive,
/// Content-Length bodies (gzip-decoded when the client says so).</summary>
public sealed class TestHttpServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly X509Certificate2? certificate;
    private readonly X509Certificate2? clientCa;
    private readonly Func<TestRequest, TestResponse> handler;
    private readonly CancellationTokenSource stop = new();

    /// <param name="handler">Answers each request.</param>
    /// <param name="certificate">Server certificate; null for plain HTTP.</param>
    /// <param name="clientCa">When set, a client certificate issued by this CA is required (mTLS).</param>
    /// <param name="port">Port to listen on; 0 for any.</param>
    public TestHttpServer(Func<TestRequest, TestResponse> handler, X509Certificate2? certificate = null, X509Certificate2? clientCa = null, int port = 0)
    {
        this.handler = handler;
        this.certificate = certificate;
        this.clientCa = clientCa;
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>This many requests are read and then answered by closing the connection (a server that went away).</summary>
    public int DropRequests;

    public ConcurrentQueue<TestRequest> Requests { get; } = new();

    /// <summary>Handshakes that failed (for instance a client without a certificate under mTLS).</summary>
    public ConcurrentQueue<string> HandshakeErrors { get; } = new();

    /// <summary>A free loopback port (bound and released), for a server that starts later.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            string? clientSubject = null;
            try
            {
                if (certificate is not null)
                {
                    var ssl = new SslStream(stream, false);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        ClientCertificateRequired = clientCa is not null,
                        RemoteCertificateValidationCallback = (_, cert, _, _) => clientCa is null || ValidClient(cert),
                    }, stop.Token);
                    clientSubject = ssl.RemoteCertificate?.Subject;
                    stream = ssl;
                }

                while (!stop.IsCancellationRequested)
                {
                    var request = await ReadRequestAsync(stream, clientSubject);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    if (Interlocked.Decrement(ref DropRequests) >= 0)
                    {
                        return;
                    }

                    TestResponse response;
                    try
                    {
                        response = handler(request);
                    }
                    catch (Exception e)
                    {
                        response = new TestResponse(500, "handler failed: " + e.Message, "text/plain");
                    }

                    var body = Encoding.UTF8.GetBytes(response.Body);
                    var location = response.Location is null ? "" : $"Location: {response.Location}\r\n";
                    var head = $"HTTP/1.1 {response.Status} X\r\nContent-Type: {response.ContentType}\r\n{location}Content-Length: {body.Length}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                    await stream.WriteAsync(body, stop.Token);
                    await stream.FlushAsync(stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (e is AuthenticationException)
                {
                    HandshakeErrors.Enqueue(e.Message);
                }
            }
        }
    }

    private bool ValidClient(X509Certificate? cert)
    {
        if (cert is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(clientCa!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var c2 = new X509Certificate2(cert);
        return chain.Build(c2);
    }

    private static async Task<TestRequest?> ReadRequestAsync(Stream stream, string? clientSubject)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                break;
            }

            if (head.Count > 64 * 1024)
            {
                return null;
            }
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        if (headers.TryGetValue("Content-Encoding", out var enc) && enc == "gzip")
        {
            using var gz = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gz.CopyTo(plain);
            body = plain.ToArray();
        }

        return new TestRequest(first[0], first[1], headers, Encoding.UTF8.GetString(body), clientSubject);
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
