// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class InterfaceAddressesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("interface_addresses");
        Assert.Contains(result.Rows(), r => (string)r["interface"]! == "lo" && (string)r["address"]! == "127.0.0.1" && (string)r["mask"]! == "255.0.0.0");
    }

    [Fact]
    public void Query_LiveAddresses_MatchIproute2()
    {
        // "ip -o addr" prints one line per address: "2: eth0    inet 192.0.2.2/24 brd ... scope global eth0".
        if (Fixtures.RequireTool("ip", "-o", "addr") is not { } output)
        {
            return;
        }

        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Interface: f[1].Split('@')[0], Address: f[3].Split('/')[0]))
            .Order().ToList();
        using var host = TableAssert.Host();
        var actual = host.Query("select interface, address from interface_addresses").Rows
            .Select(r => (Interface: (string)r[0]!, Address: ((string)r[1]!).Split('%')[0]))
            .Order().ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Format_LinkLocalIpv6_CarriesTheInterfaceAsZone()
    {
        byte[] linkLocal = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        Assert.Equal("fe80::1%eth0", InterfaceAddressesTable.Format(linkLocal, 2, "eth0"));
        Assert.Equal("10.0.0.1", InterfaceAddressesTable.Format([10, 0, 0, 1], 0, "eth0"));
    }
}
