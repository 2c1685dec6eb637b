// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class EtcHostsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("etc_hosts");
        if (File.ReadAllText("/etc/hosts").Contains("localhost", StringComparison.Ordinal))
        {
            Assert.Contains(result.Rows(), r => ((string)r["hostnames"]!).Split(' ').Contains("localhost"));
        }
    }

    [Fact]
    public void Query_Debian12_AddressAndNamesWithoutComments()
    {
        var rows = Fixtures.Query("debian12", "select * from etc_hosts").Rows();
        Assert.Equal(["127.0.0.1", "::1", "10.0.1.23", "169.254.170.2"], rows.Select(r => (string)r["address"]!));
        Assert.Equal("localhost ip6-localhost ip6-loopback", rows[1]["hostnames"]);
        Assert.Equal("metadata", rows[3]["hostnames"]);
    }

    [Fact]
    public void Query_HostsAlias_SameRows()
    {
        Assert.Equal(4, Fixtures.Query("debian12", "select * from hosts").Rows.Count);
    }

    [Fact]
    public void Query_DamagedHosts_ReadableLinesOnly()
    {
        var rows = Fixtures.Query("damaged", "select address, hostnames from etc_hosts").Rows();
        Assert.Equal(["127.0.0.1", "::1"], rows.Where(r => ((string)r["address"]!).Contains('.') || ((string)r["address"]!).Contains(':')).Select(r => (string)r["address"]!));
        Assert.Equal("localhost6", rows[^1]["hostnames"]);
    }
}
