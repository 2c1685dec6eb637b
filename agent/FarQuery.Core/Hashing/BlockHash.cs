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
    private readonly bool bigEndian;
    private int filled;
    private ulong length;

    /// <summary>Sets up the frame for a digest whose chaining state starts at <paramref name="initialState"/> and whose
    /// message schedule has <paramref name="scheduleLength"/> words (the first 16 are the block's).</summary>
    protected BlockHash(uint[] initialState, int scheduleLength, bool bigEndian)
    {
        State = initialState;
        Words = new uint[scheduleLength];
        this.bigEndian = bigEndian;
    }

    /// <summary>The digest of <paramref name="data"/> in one call, for the places that would otherwise call the BCL's
    /// <c>SHA1.HashData</c> and the like (and so need libssl).</summary>
    public static byte[] HashData<T>(ReadOnlySpan<byte> data)
        where T : BlockHash, new()
    {
        var hash = new T();
        hash.Append(data);
        return hash.Finish();
    }

    /// <summary>Digest size in bytes: the chaining state, written out.</summary>
    public int Size => State.Length * 4;

    /// <summary>The chaining state; the digest is these words in the digest's byte order.</summary>
    protected uint[] State { get; }

    /// <summary>The message schedule: the block's 16 words, loaded before <see cref="Mix"/>, then room for the rest.</summary>
    protected uint[] Words { get; }

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
        if (bigEndian)
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
        for (var i = 0; i < State.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4), State[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(i * 4), State[i]);
            }
        }

        return digest;
    }

    /// <summary>Adds the working variables of one block back into the chaining state.</summary>
    protected void AddToState(ReadOnlySpan<uint> working)
    {
        for (var i = 0; i < working.Length; i++)
        {
            State[i] += working[i];
        }
    }

    /// <summary>Mixes one block, whose 16 words are in <see cref="Words"/>, into <see cref="State"/>.</summary>
    protected abstract void Mix();

    private void Compress(ReadOnlySpan<byte> chunk)
    {
        for (var t = 0; t < 16; t++)
        {
            Words[t] = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(chunk[(t * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(chunk[(t * 4)..]);
        }

        Mix();
    }
}
