// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Digests of known strings: osquery's SQL tests and documentation, and the FIPS 180 / RFC 1321 "abc" vectors.</summary>
public sealed class HashingFunctionsTests
{
    [Theory]
    [InlineData("select md5('test')", "098f6bcd4621d373cade4e832627b4f6")]
    [InlineData("select sha1('test')", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")]
    [InlineData("select sha256('test')", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("select sha1('Guest')", "face83ee3014bdc8f98203cc94e2e89222452e90")]
    [InlineData("select md5('abc')", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("select sha1('abc')", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("select sha256('abc')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("select md5('')", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("select md5(12)", "c20ad4d76fe97759aa27a0c99bff6710")]
    public void Hash_KnownStrings_KnownDigests(string sql, string expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("select md5(NULL)")]
    [InlineData("select sha1(NULL)")]
    [InlineData("select sha256(NULL)")]
    public void Hash_Null_Null(string sql)
    {
        Assert.Null(SqlScalar.Run(sql));
    }

    [Fact]
    public void Hash_TextWithNul_HashesUpToTheNulAsOsquery()
    {
        Assert.Equal(SqlScalar.Run("select md5('ab')"), SqlScalar.Run("select md5('ab' || char(0) || 'cd')"));
        Assert.Equal(HashingFunctions.Sha1("ab"), HashingFunctions.Sha1(new byte[] { (byte)'a', (byte)'b', 0, (byte)'c' }));
    }

    [Fact]
    public void Hash_Real_HashesSqlitesText()
    {
        Assert.Equal(SqlScalar.Run("select sha1(cast(0.1 as text))"), SqlScalar.Run("select sha1(0.1)"));
    }
}
