// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Utility;

public sealed class Sha256HashTests
{
    [Fact]
    public void Finish_AnyLengthAndChunking_MatchesBcl()
    {
        DigestAssert.MatchesReference(() => new Sha256Hash(), SHA256.HashData);
    }
}
