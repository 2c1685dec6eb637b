// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>The Merkle–Damgård frame MD5, SHA-1 and SHA-256 share: 64-byte blocks, then padding with 0x80, zeros and
/// the message length in bits. The digests are computed in managed code because the BCL's hashing needs OpenSSL, and
/// a .NET process aborts ("No usable version of libssl was found") on the first hash in an image without it, which
/// many slim and distroless images are. In Core so that the agent's own hashing (config hash, splay, file events) never
/// needs libssl either: only the TLS backend does.</summary>
public abstract class BlockHash
{
    private readonly byte[] block = new byte[64];
    private int filled;
    private ulong length;

    /// <summary>The digest of <paramref name="data"/> in one call, for the places that would otherwise call the BCL's
    /// <c>SHA1.HashData</c> and the like (and so need libssl).</summary>
    public static byte[] HashData<T>(ReadOnlySpan<byte> data)
        where T : BlockHash, new()
    {
        var hash = new T();
        hash.Append(data);
        return hash.Finish();
    }

    /// <summary>Digest size in bytes.</summary>
    public abstract int Size { get; }

    /// <summary>True when the length is written big-endian (SHA family), false for MD5.</summary>
    protected abstract bool BigEndianLength { get; }

    /// <summary>Feeds bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        length += (ulong)data.Length;
        if (filled > 0)
        {
            var take = Math.Min(64 - filled, data.Length);
            data[..take].CopyTo(block.AsSpan(filled));
            filled += take;
            data = data[take..];
            if (filled < 64)
            {
                return;
            }

            Compress(block);
            filled = 0;
        }

        while (data.Length >= 64)
        {
            Compress(data[..64]);
            data = data[64..];
        }

        data.CopyTo(block);
        filled = data.Length;
    }

    /// <summary>Pads, writes the digest and leaves the object unusable for more input.</summary>
    public byte[] Finish()
    {
        var bits = length * 8;
        Span<byte> pad = stackalloc byte[72];
        pad.Clear();
        pad[0] = 0x80;
        var padLength = (filled < 56 ? 56 - filled : 120 - filled);
        if (BigEndianLength)
        {
            BinaryPrimitives.WriteUInt64BigEndian(pad[padLength..], bits);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(pad[padLength..], bits);
        }

        var saved = length;
        Append(pad[..(padLength + 8)]);
        length = saved;
        var digest = new byte[Size];
        WriteDigest(digest);
        return digest;
    }

    /// <summary>Processes one 64-byte block.</summary>
    protected abstract void Compress(ReadOnlySpan<byte> chunk);

    /// <summary>Writes the state as the digest.</summary>
    protected abstract void WriteDigest(Span<byte> digest);
}
