// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Utility;

public sealed class Md5HashTests
{
    [Fact]
    public void Finish_AnyLengthAndChunking_MatchesBcl()
    {
        DigestAssert.MatchesReference(() => new Md5Hash(), MD5.HashData);
    }
}
