// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Expected values from osquery's SQL tests and documentation (to_base64, from_base64,
/// conditional_to_base64).</summary>
public sealed class EncodingFunctionsTests
{
    [Theory]
    [InlineData("select to_base64('test')", "dGVzdA==")]
    [InlineData("select to_base64('CPU0')", "Q1BVMA==")]
    [InlineData("select to_base64('')", "")]
    [InlineData("select from_base64('dGVzdA==')", "test")]
    [InlineData("select from_base64('dGVzdA')", "test")]
    [InlineData("select from_base64('dG' || char(10) || 'VzdA==')", "test")]
    [InlineData("select from_base64(to_base64('CPU0'))", "CPU0")]
    [InlineData("select from_base64('not base64!')", "")]
    [InlineData("select from_base64('dGVz dA==')", "")]
    [InlineData("select from_base64('')", "")]
    [InlineData("select conditional_to_base64('test')", "test")]
    [InlineData("select conditional_to_base64('悪因悪果')", "5oKq5Zug5oKq5p6c")]
    [InlineData("select conditional_to_base64('tab' || char(9))", "dGFiCQ==")]
    public void Base64_OsqueryCases_MatchOsquery(string sql, string expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("select to_base64(NULL)")]
    [InlineData("select from_base64(NULL)")]
    [InlineData("select conditional_to_base64(NULL)")]
    public void Base64_Null_Null(string sql)
    {
        Assert.Null(SqlScalar.Run(sql));
    }

    [Fact]
    public void FromBase64_BinaryBytes_ComeBackAsBlobIntact()
    {
        Assert.Equal(new byte[] { 0xff, 0x00, 0x80 }, SqlScalar.Run("select from_base64('/wCA')"));
        Assert.Equal("/wCA", SqlScalar.Run("select to_base64(from_base64('/wCA'))"));
        Assert.Equal("/wCA", EncodingFunctions.ToBase64(EncodingFunctions.FromBase64("/wCA")));
    }
}
