// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>SHA-1 (FIPS 180-4 §6.1), still what osquery's hash.sha1 and many threat feeds carry.</summary>
public sealed class Sha1Hash : BlockHash
{
    private readonly uint[] h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    private readonly uint[] w = new uint[80];

    /// <inheritdoc/>
    public override int Size => 20;

    /// <inheritdoc/>
    protected override bool BigEndianLength => true;

    /// <inheritdoc/>
    protected override void Compress(ReadOnlySpan<byte> chunk)
    {
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(chunk[(t * 4)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (var t = 0; t < 80; t++)
        {
            uint f, k;
            if (t < 20)
            {
                f = (b & c) | (~b & d);
                k = 0x5a827999;
            }
            else if (t < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            }
            else if (t < 60)
            {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdc;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }

            var temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }

    /// <inheritdoc/>
    protected override void WriteDigest(Span<byte> digest)
    {
        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], h[i]);
        }
    }
}
