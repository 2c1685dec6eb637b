// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql.Tests;

/// <summary>The version collations against orderings dpkg (Debian policy §5.6.12) and rpm/pacman (rpmvercmp) document.</summary>
public sealed class VersionCollationTests
{
    [Theory]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("1.2.3", "1.2.3", 0)]
    [InlineData("2.0", "10.0", -1)]
    [InlineData("1.0", "1.0.1", -1)]
    public void Compare_Generic_NumericRunsAsNumbers(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(VersionCollation.Compare(a, b)));
        Assert.Equal(-expected, Math.Sign(VersionCollation.Compare(b, a)));
    }

    [Theory]
    [InlineData("1:1.0", "2.0", 1)] // the epoch wins over everything after it
    [InlineData("0:2.0", "2.0", 0)] // epoch 0 is no epoch
    [InlineData("1.0~rc1", "1.0", -1)] // '~' sorts before the end
    [InlineData("1.0~~", "1.0~", -1)]
    [InlineData("1.0+b1", "1.0", 1)] // anything else after the end
    [InlineData("1.0a", "1.0+", -1)] // letters before other characters
    [InlineData("1.0-1", "1.0-2", -1)] // the revision
    [InlineData("1.0-10", "1.0-9", 1)]
    [InlineData("2.36-9+deb12u4", "2.36-9+deb12u10", -1)]
    [InlineData("1.2.3-1ubuntu1", "1.2.3-1", 1)]
    [InlineData("7.88.1-10+deb12u5", "7.88.1-10+deb12u12", -1)]
    [InlineData("1:9.18.28-1~deb12u2", "1:9.18.28-1", -1)]
    [InlineData("1.0.0", "1.0", 1)]
    [InlineData("001.2", "1.2", 0)]
    public void CompareDpkg_DebianPolicyOrder(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(VersionCollation.CompareDpkg(a, b)));
        Assert.Equal(-expected, Math.Sign(VersionCollation.CompareDpkg(b, a)));
    }

    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "2.0", -1)]
    [InlineData("2.0.1", "2.0", 1)]
    [InlineData("2.0.1a", "2.0.1", 1)]
    [InlineData("5.5p1", "5.5p10", -1)]
    [InlineData("10xyz", "10.1xyz", -1)]
    [InlineData("xyz10", "xyz10.1", -1)]
    [InlineData("1.0a", "1.0.1", -1)] // a numeric segment is newer than a letter segment
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc2", -1)]
    [InlineData("1.0^", "1.0", 1)] // caret: after the base version...
    [InlineData("1.0^git1", "1.0.1", -1)] // ...but before the next one
    [InlineData("1.0_1", "1.0.1", 0)] // separators only separate
    [InlineData("2:1.0", "1:9.9", 1)]
    [InlineData("1.0-1.el9", "1.0-2.el9", -1)]
    [InlineData("1.0-1", "1.0", 0)] // no release on one side: releases are not compared
    [InlineData("8.0.1-1", "8.0.1-1", 0)]
    public void CompareRpm_RpmvercmpOrder(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(VersionCollation.CompareRpm(a, b)));
        Assert.Equal(-expected, Math.Sign(VersionCollation.CompareRpm(b, a)));
    }

    [Fact]
    public void For_CollationName_PicksTheMatchingOrder()
    {
        Assert.True(VersionCollation.For("version_dpkg")("1:1.0", "2.0") > 0);
        Assert.True(VersionCollation.For("version_rhel")("1.0a", "1.0.1") < 0);
        Assert.True(VersionCollation.For("version_arch")("1.0a", "1.0.1") < 0);
        Assert.True(VersionCollation.For("version")("1:1.0", "2.0") < 0);
    }
}
