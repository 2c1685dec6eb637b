// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Expected values from osquery's version_compare test (osquery/sql/tests/sql.cpp) and documentation.</summary>
public sealed class VersionFunctionsTests
{
    [Theory]
    [InlineData("select version_compare('1.0', '1.0')", 0L)]
    [InlineData("select version_compare('1:2.0-10', '1:2.0-10', 'DPKG')", 0L)]
    [InlineData("select version_compare('4:1.1.0', '4:1.1.0-3', 'arCH')", 0L)]
    [InlineData("select version_compare('50.4.1b', '50.4.1c')", -1L)]
    [InlineData("select version_compare('1.0.8-4', '1.0.8-6', 'arch')", -1L)]
    [InlineData("select version_compare('1.0.0~rc2^2021', '1.0.0', 'RHEL')", -1L)]
    [InlineData("select version_compare('1.1.0~BETA2^1', '1.1.0~CR1', 'RhEl')", -1L)]
    [InlineData("select version_compare('1.0.1.1', '1.0.1^2021', 'rhel')", 1L)]
    [InlineData("select version_compare('1.9.9-1ubuntu2.4', '1.9.9-1ubuntu2.3', 'dpkg')", 1L)]
    [InlineData("select version_compare('1:1.2.13-2', '4.2.1', 'ARCH')", 1L)]
    [InlineData("select version_compare('106.32.1', '106:32.1')", 0L)]
    [InlineData("select version_compare('1.0', '1.0.1')", -1L)]
    [InlineData("select version_compare('20.10a', '20.102')", 1L)]
    [InlineData("select version_compare('8.11', '8.10.24')", 1L)]
    [InlineData("select version_compare('1.12.1', '1.13')", -1L)]
    public void VersionCompare_OsqueryCases_MatchOsquery(string sql, long expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("1.6.1-9", "1.6.1-10", "ARCH", -1)]
    [InlineData("2-2pre", "2-2rc", "ARCH", -1)]
    [InlineData("1.0", "1.0-4", "ARCH", 0)]
    [InlineData("3:0.164.r3095.baee400-4", "3:0.164.r3081.19856cc-2", "ARCH", 1)]
    [InlineData("22.07.5-2ubuntu1.3", "22.07.5-2ubuntu1.4", "DPKG", -1)]
    [InlineData("2:8.2.3995-1ubuntu2.9", "2:8.2.3995-1ubuntu2.3", "DPKG", 1)]
    [InlineData("9.11.4-26.P2.el7_9.10", "32:9.11.4-26.P2.el7_9.13", "RHEL", -1)]
    [InlineData("1.0.0", "1.0.0~rc2^20210101gf00fabd", "RHEL", 1)]
    [InlineData("1.0.1.security1", "1.0.1^20210203gbbbccc0", "RHEL", 1)]
    public void Compare_OsqueryCollationCases_SameOrder(string left, string right, string flavor, long expected)
    {
        Assert.Equal(expected, VersionFunctions.Compare(left, right, flavor));
        Assert.Equal(-expected, VersionFunctions.Compare(right, left, flavor));
    }

    [Theory]
    [InlineData("select version_compare(NULL, '1.0')")]
    [InlineData("select version_compare('1.0', NULL)")]
    [InlineData("select version_compare('1.0', '1.0', NULL)")]
    public void VersionCompare_Null_Null(string sql)
    {
        Assert.Null(SqlScalar.Run(sql));
    }

    [Fact]
    public void VersionCompare_UnknownFlavor_Fails()
    {
        Assert.Contains("flavor", SqlScalar.Error("select version_compare('1', '2', 'semver')"), StringComparison.Ordinal);
    }
}
