// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote.Tests;

/// <summary>The request layer against a real HTTPS server on loopback: TLS trust, mTLS, osquery's status handling.</summary>
public sealed class TlsRemoteClientTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public async Task EnsureEnrolled_FleetAcceptsSecret_ReturnsNodeKeyAndSendsOsqueryHeaders()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki)));

        Assert.Equal("node-key-1", await client.EnsureEnrolledAsync(CancellationToken.None));
        await client.FetchConfigAsync(CancellationToken.None);

        var config = server.Requests.Single(r => r.Path.EndsWith("/config", StringComparison.Ordinal));
        Assert.Equal("NodeKey node-key-1", config.Headers["Authorization"]);
        Assert.StartsWith("application/json", config.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.StartsWith("osquery/", config.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal(Backend.Secret, (string?)fleet.EnrollBodies.Single()["enroll_secret"]);
    }

    [Fact]
    public async Task Post_Http500WithNonJsonBody_FailsWithClearError()
    {
        var server = Own(new TestHttpServer(_ => new TestResponse(500, "<html>Internal Server Error</html>", "text/html"), pki.Server));
        var options = Backend.Options(server.Port, pki);
        var client = Own(NewClient(options, maxAttempts: 1));

        var e = await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Contains("HTTP 500", e.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Http500WithNodeKeyInBody_SucceedsBecauseOsqueryIgnoresTheStatus()
    {
        var server = Own(new TestHttpServer(_ => new TestResponse(500, """{"node_key":"k500"}"""), pki.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        Assert.Equal("k500", await client.EnsureEnrolledAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Post_ErrorMemberEchoingTheSecret_IsReportedRedacted()
    {
        var server = Own(new TestHttpServer(_ => new TestResponse(400, $$"""{"error":"secret {{Backend.Secret}} is revoked"}"""), pki.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 2));

        var e = await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.DoesNotContain(Backend.Secret, e.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted] is revoked", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, l => l.Contains(Backend.Secret, StringComparison.Ordinal));
        Assert.NotEmpty(warnings);
    }

    [Fact]
    public async Task Post_ConnectionClosedBeforeAnyResponse_IsRetriedOnceOnAFreshConnection()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server) { DropRequests = 1 });
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        Assert.Equal("node-key-1", await client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Post_ConnectionClosedTwice_Fails()
    {
        var server = Own(new TestHttpServer(new FakeFleet(Backend.Secret).Handle, pki.Server) { DropRequests = 2 });
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Post_EndlessRedirects_StopsAfterTenAndFails()
    {
        TestHttpServer? server = null;
        server = Own(new TestHttpServer(r => new TestResponse(307, "", "text/plain", $"https://127.0.0.1:{server!.Port}{r.Path}"), pki.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Equal(11, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task Post_ServerSlowerThanTheTimeout_FailsWithATimeoutError()
    {
        using var release = new ManualResetEventSlim();
        var server = Own(new TestHttpServer(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return new TestResponse(200, """{"node_key":"late"}""");
        }, pki.Server));
        var o = Backend.Options(server.Port, pki);
        var client = Own(new TlsRemoteClient(new RemoteOptions { TlsHostname = o.TlsHostname, ServerCertsPath = o.ServerCertsPath, EnrollMaxAttempts = 1, Timeout = TimeSpan.FromMilliseconds(500) },
            Backend.SecretSource(), "h", () => [], warnings.Enqueue));

        var e = await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        release.Set();
        Assert.Contains("no answer within", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ServerCertificateForAnotherName_IsRejected()
    {
        var server = Own(new TestHttpServer(new FakeFleet(Backend.Secret).Handle, pki.WrongHost));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        var e = await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Contains("SSL", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Post_ServerSignedByAnUntrustedCa_IsRejected()
    {
        using var other = new TestCertificates();
        var server = Own(new TestHttpServer(new FakeFleet(Backend.Secret).Handle, other.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Post_MutualTls_SendsTheClientCertificate()
    {
        var server = Own(new TestHttpServer(new FakeFleet(Backend.Secret).Handle, pki.Server, clientCa: pki.Ca));
        var client = Own(NewClient(Backend.Options(server.Port, pki, mtls: true)));

        await client.EnsureEnrolledAsync(CancellationToken.None);
        Assert.Equal("CN=farquery-agent", server.Requests.Single().ClientCertificate);
    }

    [Fact]
    public async Task Post_MutualTlsWithoutClientCertificate_IsRefusedByTheServer()
    {
        var server = Own(new TestHttpServer(new FakeFleet(Backend.Secret).Handle, pki.Server, clientCa: pki.Ca));
        var client = Own(NewClient(Backend.Options(server.Port, pki), maxAttempts: 1));

        await Assert.ThrowsAsync<RemoteException>(() => client.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Post_NodeInvalid_ClearsTheKeySoTheNextRequestEnrollsAgain()
    {
        var fleet = new FakeFleet(Backend.Secret) { InvalidateOnConfigRequest = 1 };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var client = Own(NewClient(Backend.Options(server.Port, pki)));

        await Assert.ThrowsAsync<NodeInvalidException>(() => client.FetchConfigAsync(CancellationToken.None));
        Assert.Null(client.NodeKey);
        await client.FetchConfigAsync(CancellationToken.None);
        Assert.Equal("node-key-2", client.NodeKey);
        Assert.Equal(1, client.Reenrollments);
    }

    [Fact]
    public async Task SendLogs_Compressed_ServerReceivesGzipBody()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var o = Backend.Options(server.Port, pki);
        var options = new RemoteOptions { TlsHostname = o.TlsHostname, ServerCertsPath = o.ServerCertsPath, LoggerCompress = true };
        var client = Own(NewClient(options));

        await client.SendLogsAsync("result", ["""{"name":"a"}""", """{"name":"b"}"""], CancellationToken.None);

        Assert.Equal("gzip", server.Requests.Single(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).Headers["Content-Encoding"]);
        Assert.Equal(["a", "b"], fleet.ResultLines.Select(l => (string)l["name"]!));
    }

    [Fact]
    public async Task NodeKey_WithWritablePath_IsStoredMode0600AndReusedByTheNextAgent()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var path = Path.Combine(pki.Directory, "node.key");
        var first = Own(NewClient(Backend.Options(server.Port, pki, nodeKeyPath: path)));
        await first.EnsureEnrolledAsync(CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("node-key-1", File.ReadAllText(path));
        var second = Own(NewClient(Backend.Options(server.Port, pki, nodeKeyPath: path)));
        Assert.Equal("node-key-1", await second.EnsureEnrolledAsync(CancellationToken.None));
        Assert.Equal(1, fleet.Enrolls);
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> warnings = new();

    private TlsRemoteClient NewClient(RemoteOptions options, int maxAttempts = 0)
    {
        var o = maxAttempts == 0 ? options : new RemoteOptions
        {
            TlsHostname = options.TlsHostname,
            ServerCertsPath = options.ServerCertsPath,
            ClientCertPath = options.ClientCertPath,
            ClientKeyPath = options.ClientKeyPath,
            EnrollMaxAttempts = maxAttempts,
            BackoffUnit = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        return new TlsRemoteClient(o, Backend.SecretSource(), "test-host", () => [], warnings.Enqueue);
    }

    private T Own<T>(T d)
        where T : IDisposable
    {
        owned.Add(d);
        return d;
    }

    public void Dispose()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        pki.Dispose();
    }
}
