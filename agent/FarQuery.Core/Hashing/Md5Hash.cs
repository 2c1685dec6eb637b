// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>MD5 (RFC 1321), kept because osquery's hash.md5 is what many indicator lists still match on.</summary>
public sealed class Md5Hash() : BlockHash([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], 16, bigEndian: false)
{
    // Per-round left rotations (RFC 1321 §3.4).
    private static readonly int[] S =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    // T[i] = floor(2^32 * |sin(i + 1)|) (RFC 1321 §3.4); a double's sine is exact enough for all 64 values.
    private static readonly uint[] T = Enumerable.Range(1, 64).Select(i => (uint)(long)Math.Floor(Math.Abs(Math.Sin(i)) * 4294967296.0)).ToArray();

    /// <inheritdoc/>
    protected override void Mix()
    {
        var x = Words;
        uint a = State[0], b = State[1], c = State[2], d = State[3];
        for (var i = 0; i < 64; i++)
        {
            uint f;
            int g;
            switch (i >> 4)
            {
                case 0:
                    f = (b & c) | (~b & d);
                    g = i;
                    break;
                case 1:
                    f = (d & b) | (~d & c);
                    g = ((5 * i) + 1) & 15;
                    break;
                case 2:
                    f = b ^ c ^ d;
                    g = ((3 * i) + 5) & 15;
                    break;
                default:
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                    break;
            }

            var rotated = BitOperations.RotateLeft(a + f + T[i] + x[g], S[i]);
            a = d;
            d = c;
            c = b;
            b += rotated;
        }

        AddToState([a, b, c, d]);
    }
}
