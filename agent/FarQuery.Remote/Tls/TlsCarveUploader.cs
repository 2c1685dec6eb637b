// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Carving;

namespace FarQuery.Remote.Tls;

/// <summary>The carver's side of osquery's TLS API (docs/osquery-compat.md §2.6): the session start carries the node key
/// (in the body and the header, like every authenticated request, so <c>node_invalid</c> re-enrolls as elsewhere); the
/// blocks carry only the session id, which is what the server checks.</summary>
public sealed class TlsCarveUploader(TlsRemoteClient client) : ICarveUploader
{
    /// <inheritdoc/>
    public async Task<string> BeginAsync(string endpoint, CarveBegin begin, CancellationToken cancellation)
    {
        using var doc = await client.PostAsync(endpoint, key => JsonSerializer.SerializeToUtf8Bytes(new CarveBeginRequest
        {
            BlockCount = begin.BlockCount,
            BlockSize = begin.BlockSize,
            CarveSize = begin.CarveSize,
            CarveId = begin.CarveId,
            RequestId = begin.RequestId,
            NodeKey = key,
        }, RemoteJsonContext.Default.CarveBeginRequest), false, cancellation).ConfigureAwait(false);

        // osquery requires a non-empty string session_id and fails the carve otherwise.
        return doc.RootElement.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } session
            ? session
            : throw new RemoteException($"{endpoint}: the answer has no session_id");
    }

    /// <inheritdoc/>
    public async Task SendBlockAsync(string endpoint, string sessionId, string requestId, long blockId, ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        using var doc = await client.PostWithoutNodeKeyAsync(endpoint, BlockBody(sessionId, requestId, blockId, data.Span), cancellation).ConfigureAwait(false);
    }

    /// <summary><c>{"block_id":…,"session_id":…,"request_id":…,"data":"&lt;base64&gt;"}</c>, the data encoded straight into
    /// the body rather than through an intermediate string.</summary>
    internal static byte[] BlockBody(string sessionId, string requestId, long blockId, ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream(((data.Length + 2) / 3 * 4) + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("block_id", blockId);
            json.WriteString("session_id", sessionId);
            json.WriteString("request_id", requestId);
            json.WriteBase64String("data", data);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
