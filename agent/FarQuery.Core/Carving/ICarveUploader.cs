// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Carving;

/// <summary>The start request of a carve session: osquery's <c>carver_start_endpoint</c> body without the node key,
/// which the uploader adds (docs/osquery-compat.md §2.6).</summary>
/// <param name="BlockCount">Blocks that will follow: ceil(CarveSize / BlockSize).</param>
/// <param name="BlockSize">Bytes per block (the last one may be shorter).</param>
/// <param name="CarveSize">Bytes of the archive.</param>
/// <param name="CarveId">The carve's GUID.</param>
/// <param name="RequestId">The distributed query that asked for it.</param>
public readonly record struct CarveBegin(long BlockCount, long BlockSize, long CarveSize, string CarveId, string RequestId);

/// <summary>Where carve archives go: the TLS backend's carver endpoints. Implemented by the remote client, so the carver
/// itself knows no HTTP.</summary>
public interface ICarveUploader
{
    /// <summary>Opens a session at <paramref name="endpoint"/> (<c>--carver_start_endpoint</c>) and returns its
    /// <c>session_id</c>; throws when the server refuses or answers without one.</summary>
    Task<string> BeginAsync(string endpoint, CarveBegin begin, CancellationToken cancellation);

    /// <summary>Sends block <paramref name="blockId"/> (0-based) of the session to <paramref name="endpoint"/>
    /// (<c>--carver_continue_endpoint</c>); throws when it was not taken.</summary>
    Task SendBlockAsync(string endpoint, string sessionId, string requestId, long blockId, ReadOnlyMemory<byte> data, CancellationToken cancellation);
}
