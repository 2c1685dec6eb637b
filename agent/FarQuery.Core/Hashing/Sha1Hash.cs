// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>SHA-1 (FIPS 180-4 §6.1), still what osquery's hash.sha1 and many threat feeds carry.</summary>
public sealed class Sha1Hash() : BlockHash([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], 80, bigEndian: true)
{
    /// <inheritdoc/>
    protected override void Mix()
    {
        var w = Words;
        for (var t = 16; t < 80; t++)
        {
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = State[0], b = State[1], c = State[2], d = State[3], e = State[4];
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

        AddToState([a, b, c, d, e]);
    }
}
