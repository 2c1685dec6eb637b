// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>IPv4 networks as SQL over address text, run in SQLite.</summary>
public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "100.1.2.3", false)]
    [InlineData("172.16.0.0/12", "172.31.255.1", true)]
    [InlineData("172.16.0.0/12", "172.32.0.1", false)]
    [InlineData("172.16.0.0/12", "172.15.0.1", false)]
    [InlineData("192.168.0.0/16", "192.168.9.9", true)]
    [InlineData("127.0.0.0/8", "127.0.0.1", true)]
    [InlineData("169.254.169.254", "169.254.169.254", true)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("0.0.0.0/0", "::1", false)]
    [InlineData("::1", "::1", true)]
    public void Sql_Address_MatchesLikeTheNetwork(string network, string address, bool expected)
    {
        using var db = new EventDatabase();
        var sql = Cidr.Sql("a", network, out var reason);
        Assert.True(sql is not null, reason);
        var row = Assert.Single(db.Run($"SELECT ({sql}) AS m FROM (SELECT '{address}' AS a)"));
        Assert.Equal(expected ? "1" : "0", row["m"]);
    }

    [Theory]
    [InlineData("fc00::/7", "IPv6 network")]
    [InlineData("10.0.0.0/40", "prefix length")]
    [InlineData("nonsense", "not a network")]
    public void Sql_Unsupported_Reason(string network, string expected)
    {
        Assert.Null(Cidr.Sql("a", network, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }
}
