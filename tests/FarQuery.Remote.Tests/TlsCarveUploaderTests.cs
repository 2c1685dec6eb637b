// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using FarQuery.Core.Carving;
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote.Tests;

/// <summary>The carver endpoints' wire format against the fake Fleet on loopback TLS.</summary>
public sealed class TlsCarveUploaderTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly FakeFleet fleet = new(Backend.Secret);
    private readonly TestHttpServer server;
    private readonly TlsRemoteClient client;

    public TlsCarveUploaderTests()
    {
        server = new TestHttpServer(fleet.Handle, pki.Server);
        client = new TlsRemoteClient(Backend.Options(server.Port, pki), Backend.SecretSource(), "h", () => [], _ => { });
    }

    [Fact]
    public async Task BeginAsync_Fleet_SendsOsqueryFieldsWithNodeKeyAndReturnsTheSession()
    {
        var uploader = new TlsCarveUploader(client);

        var session = await uploader.BeginAsync("/api/v1/osquery/carve/begin", new CarveBegin(3, 100, 250, "guid-1", "q1"), CancellationToken.None);

        var begun = fleet.CarveSessions[session];
        Assert.Equal((3L, 100L, 250L, "guid-1", "q1"), (begun.BlockCount, begun.BlockSize, begun.CarveSize, begun.CarveId, begun.RequestId));
        var body = JsonNode.Parse(server.Requests.Last().Body)!.AsObject();
        Assert.Equal(["block_count", "block_size", "carve_size", "carve_id", "request_id", "node_key"], body.Select(p => p.Key));
        Assert.Equal(client.NodeKey, (string?)body["node_key"]);
    }

    [Fact]
    public async Task SendBlockAsync_OpenSession_ServerDecodesTheBytesWithoutANodeKey()
    {
        var uploader = new TlsCarveUploader(client);
        var session = await uploader.BeginAsync("/api/v1/osquery/carve/begin", new CarveBegin(1, 8, 3, "guid-2", "q2"), CancellationToken.None);

        await uploader.SendBlockAsync("/api/v1/osquery/carve/block", session, "q2", 0, new byte[] { 0, 255, 7 }, CancellationToken.None);

        Assert.Equal(new byte[] { 0, 255, 7 }, fleet.CarveSessions[session].Blocks[0]);
        var request = server.Requests.Last();
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(["block_id", "session_id", "request_id", "data"], JsonNode.Parse(request.Body)!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task SendBlockAsync_UnknownSession_Throws()
    {
        var uploader = new TlsCarveUploader(client);

        await Assert.ThrowsAsync<RemoteException>(() => uploader.SendBlockAsync("/api/v1/osquery/carve/block", "no-such-session", "q", 0, new byte[] { 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task BeginAsync_AnswerWithoutSessionId_Throws()
    {
        fleet.Routes["/carve/begin-broken"] = "/api/v1/osquery/config";
        var uploader = new TlsCarveUploader(client);

        var e = await Assert.ThrowsAsync<RemoteException>(() => uploader.BeginAsync("/carve/begin-broken", new CarveBegin(1, 1, 1, "g", "r"), CancellationToken.None));
        Assert.Contains("no session_id", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
        pki.Dispose();
    }
}
