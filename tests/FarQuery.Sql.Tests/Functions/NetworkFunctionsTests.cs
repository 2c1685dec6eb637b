// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Expected values from osquery's tests (sqlite_network_tests.cpp, sqlite_hashing_tests.cpp) and the
/// Community ID spec's test vectors, which those tests reuse.</summary>
public sealed class NetworkFunctionsTests
{
    [Theory]
    [InlineData("select in_cidr_block('10.0.0.0/26', '10.0.0.24')", 1L)]
    [InlineData("select in_cidr_block('198.51.100.14/24', '198.51.100.14')", 1L)]
    [InlineData("select in_cidr_block('2a00:a040:019e:f12a:0000:0000:0000:0000/64', '2a00:a040:19e:f12a:658b:3589:b2ba:71a3')", 1L)]
    [InlineData("select in_cidr_block('2001:db8::/48', '2001:db8:0:ffff:ffff:ffff:ffff:ffff')", 1L)]
    [InlineData("select in_cidr_block('2001:db8::/48', '2001:db8:1::')", 0L)]
    [InlineData("select in_cidr_block('10.0.0.0/26', '10.0.0.64')", 0L)]
    [InlineData("select in_cidr_block('10.0.0.0/8', '10.255.255.254')", 1L)]
    [InlineData("select in_cidr_block('10.0.0.5/32', '10.0.0.5')", 1L)]
    public void InCidrBlock_OsqueryCases_MatchOsquery(string sql, long expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Fact]
    public void InCidrBlock_NetworkAndBroadcastAddress_AreNotHostsAsInOsquery()
    {
        // Boost.Asio's hosts() of an IPv4 block leaves out its network and broadcast addresses; a /31 has none.
        Assert.Equal(0L, NetworkFunctions.InCidrBlock("10.0.0.0/8", "10.0.0.0"));
        Assert.Equal(0L, NetworkFunctions.InCidrBlock("10.0.0.0/8", "10.255.255.255"));
        Assert.Equal(0L, NetworkFunctions.InCidrBlock("10.0.0.0/31", "10.0.0.1"));
        Assert.Equal(1L, NetworkFunctions.InCidrBlock("0.0.0.0/0", "192.0.2.1"));
    }

    [Theory]
    [InlineData("select in_cidr_block(NULL, '10.0.0.1')", "CIDR must be a string")]
    [InlineData("select in_cidr_block('10.0.0.0/8', NULL)", "IP address must be a string")]
    [InlineData("select in_cidr_block('10.0.0.0/8', 167772161)", "IP address must be a string")]
    [InlineData("select in_cidr_block('10.0.0.0/8', 'not an ip')", "IP address cannot be parsed")]
    [InlineData("select in_cidr_block('10.0.0.0', '10.0.0.1')", "CIDR for IP address v4 cannot be parsed")]
    [InlineData("select in_cidr_block('10.0.0.0/33', '10.0.0.1')", "CIDR for IP address v4 cannot be parsed")]
    [InlineData("select in_cidr_block('2001:db8::/48', '10.0.0.1')", "CIDR for IP address v4 cannot be parsed")]
    [InlineData("select in_cidr_block('10.0.0.0/8', '2001:db8::1')", "CIDR for IP address v6 cannot be parsed")]
    public void InCidrBlock_BadInput_FailsWithOsquerysMessage(string sql, string message)
    {
        Assert.Contains(message, SqlScalar.Error(sql), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.2", 3221225986L)]
    [InlineData("1.0.1.5", 16777477L)]
    [InlineData("0.0.0.0", 0L)]
    [InlineData("255.255.255.255", 4294967295L)]
    [InlineData("01.0.1.5", null)]
    [InlineData("1.2.3", null)]
    [InlineData("256.1.1.1", null)]
    [InlineData("::1", null)]
    public void InetAton_Addresses_AsInetPton(string address, long? expected)
    {
        Assert.Equal(expected, NetworkFunctions.InetAton(address));
        Assert.Equal(expected, SqlScalar.Run($"select inet_aton('{address}')"));
    }

    [Theory]
    [InlineData("select community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6, 0)", "1:LQU9qZlK+B5F3KDmev6m5PMibrg=")]
    [InlineData("select community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6)", "1:LQU9qZlK+B5F3KDmev6m5PMibrg=")]
    [InlineData("select community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6, 1)", "1:3V71V58M3Ksw/yuFALMcW0LAHvc=")]
    [InlineData("select community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6, 1)", "1:3V71V58M3Ksw/yuFALMcW0LAHvc=")]
    [InlineData("select community_id_v1('127.0.0.1', 'fe80::14b0:de4a:f8e8:522f', 64, 10, 6)", "1:Jww+Ua4pSUNl9TvSUwvSHL4n93w=")]
    [InlineData("select community_id_v1('fe80::14b0:de4a:f8e8:522f', '127.0.0.1', 10, 64, 6, 0)", "1:Jww+Ua4pSUNl9TvSUwvSHL4n93w=")]
    [InlineData("select community_id_v1('192.168.170.8', '192.168.170.56', 7, 80, 132, 0)", "1:jQgCxbku+pNGw8WPbEc/TS/uTpQ=")]
    [InlineData("select community_id_v1('192.168.170.56', '192.168.170.8', 80, 7, 132, 0)", "1:jQgCxbku+pNGw8WPbEc/TS/uTpQ=")]
    [InlineData("select community_id_v1('192.168.170.8', '192.168.170.56', 7, 80, 132, 1)", "1:Y1/0jQg6e+I3ZwZZ9LP65DNbTXU=")]
    [InlineData("select community_id_v1('192.168.1.52', '8.8.8.8', 54585, 53, 17, 0)", "1:d/FP5EW3wiY1vCndhwleRRKHowQ=")]
    [InlineData("select community_id_v1('8.8.8.8', '192.168.1.52', 53, 54585, 17, 0)", "1:d/FP5EW3wiY1vCndhwleRRKHowQ=")]
    [InlineData("select community_id_v1('192.168.1.52', '8.8.8.8', 54585, 53, 17, 1)", "1:Q9We8WO3piVF8yEQBNJF4uiSVrI=")]
    [InlineData("select community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6)", "1:rxU6O+b2d9kbSWjRmVDoBbowx6g=")]
    [InlineData("select community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6, 37)", "1:jmJ2ORP31di4mtsQPIKzyoEb3yo=")]
    public void CommunityIdV1_SpecVectors_MatchOsquery(string sql, string expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
        Assert.Equal(expected, SqlScalar.Run(sql.Replace("community_id_v1(", "community_id_v1_strict(", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("select community_id_v1('192.168.1.52', 'foo', 10, 53, 17, 0)", "daddr cannot be parsed")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', 10, 53, 17, 100000000)", "seed must fit in 2 bytes")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', 10, 53, 17, '1')", "seed must be an integer")]
    [InlineData("select community_id_v1(NULL, '192.168.1.1', 10, 53, 17)", "IPs must be strings")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', 70000, 53, 17)", "ports must fit in 2 bytes")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', '10', 53, 17)", "ports must be integers")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', 10, 53, 256)", "protocol must fit in 1 byte")]
    [InlineData("select community_id_v1('192.168.1.52', '192.168.1.1', 10, 53, NULL)", "protocol must be an integer")]
    public void CommunityIdV1_BadInput_NullOrStrictError(string sql, string message)
    {
        Assert.Null(SqlScalar.Run(sql));
        var strict = sql.Replace("community_id_v1(", "community_id_v1_strict(", StringComparison.Ordinal);
        Assert.Contains(message, SqlScalar.Error(strict), StringComparison.Ordinal);
    }
}
