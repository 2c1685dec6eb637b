// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Utility;

public sealed class Sha1HashTests
{
    [Fact]
    public void Finish_AnyLengthAndChunking_MatchesBcl()
    {
        DigestAssert.MatchesReference(() => new Sha1Hash(), SHA1.HashData);
    }
}
