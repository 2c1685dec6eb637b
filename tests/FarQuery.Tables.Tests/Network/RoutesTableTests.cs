// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class RoutesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("routes");
        var v4 = File.Exists("/proc/net/route") ? File.ReadAllLines("/proc/net/route").Skip(1).Count(l => l.Trim().Length > 0) : 0;
        Assert.Equal(v4, result.Rows().Count(r => ((string)r["destination"]!).Contains('.')));
    }

    [Fact]
    public void Query_Debian12_DefaultRouteAsFleetQueriesIt()
    {
        // Captured from this machine: default via 192.0.2.1 on eth0, and the on-link 192.0.2.0/24.
        var row = Assert.Single(Fixtures.Query("debian12", "select * from routes where destination = '0.0.0.0' and netmask = 0 and type = 'gateway'").Rows());
        Assert.Equal("192.0.2.1", row["gateway"]);
        Assert.Equal("eth0", row["interface"]);
        Assert.Equal(3L, row["flags"]);
        var link = Assert.Single(Fixtures.Query("debian12", "select netmask, gateway from routes where destination = '192.0.2.0'").Rows());
        Assert.Equal((24L, ""), ((long)link["netmask"]!, (string)link["gateway"]!));
    }

    [Fact]
    public void Query_Debian12_IPv6RoutesWithLocalType()
    {
        var rows = Fixtures.Query("debian12", "select destination, netmask, gateway, type, interface from routes where destination like '%:%'").Rows();
        Assert.Contains(rows, r => (string)r["destination"]! == "::" && (long)r["netmask"]! == 0 && (string)r["gateway"]! == "fd00::1");
        Assert.Contains(rows, r => (string)r["destination"]! == "::1" && (string)r["type"]! == "local" && (string)r["interface"]! == "lo");
    }

    [Fact]
    public void Query_DamagedRouteFile_WellFormedLinesOnly()
    {
        var rows = Fixtures.Query("damaged", "select destination, netmask, metric, mtu from routes").Rows();
        Assert.Equal(["0.0.0.0", "10.0.10.0"], rows.Select(r => (string)r["destination"]!));
        Assert.Equal((16L, 100L, 1500L), ((long)rows[1]["netmask"]!, (long)rows[1]["metric"]!, (long)rows[1]["mtu"]!));
    }

    [Fact]
    public void Query_Debian12_HopcountIsNullAsOnLinux()
    {
        var rows = Fixtures.Query("debian12", "select hopcount from routes").Rows();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Null(r["hopcount"]));
    }
}
