// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Utility;

/// <summary>Checks a managed digest against the BCL's (OpenSSL-backed on Linux) over every padding boundary and a
/// large input fed in uneven chunks.</summary>
internal static class DigestAssert
{
    public static void MatchesReference(Func<BlockHash> create, Func<byte[], byte[]> reference)
    {
        var random = new Random(12345);
        var data = new byte[1 << 20];
        random.NextBytes(data);
        for (var length = 0; length <= 200; length++)
        {
            var hash = create();
            hash.Append(data.AsSpan(0, length));
            Assert.Equal(Convert.ToHexString(reference(data[..length])), Convert.ToHexString(hash.Finish()));
        }

        var chunked = create();
        var offset = 0;
        while (offset < data.Length)
        {
            var n = Math.Min(random.Next(1, 5000), data.Length - offset);
            chunked.Append(data.AsSpan(offset, n));
            offset += n;
        }

        Assert.Equal(Convert.ToHexString(reference(data)), Convert.ToHexString(chunked.Finish()));
    }
}
