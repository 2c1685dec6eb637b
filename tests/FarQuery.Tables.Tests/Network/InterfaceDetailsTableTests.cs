// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class InterfaceDetailsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("interface_details");
        Assert.Contains(result.Rows(), r => (string)r["interface"]! == "lo");
    }

    [Fact]
    public void Query_Debian12_CountersFromProcAndLinkFromSys()
    {
        // /proc/net/dev captured from this machine; the /sys attributes are those of a Fargate awsvpc ENI.
        var eth0 = Assert.Single(Fixtures.Query("debian12", "select * from interface_details where interface = 'eth0'").Rows());
        Assert.Equal("0a:58:a9:fe:ac:02", eth0["mac"]);
        Assert.Equal((1L, 9001L, 0x1003L, 10000L), ((long)eth0["type"]!, (long)eth0["mtu"]!, (long)eth0["flags"]!, (long)eth0["link_speed"]!));
        Assert.Equal((415119077L, 9983L, 519868L, 6699L), ((long)eth0["ibytes"]!, (long)eth0["ipackets"]!, (long)eth0["obytes"]!, (long)eth0["opackets"]!));
        var lo = Assert.Single(Fixtures.Query("debian12", "select type, link_speed from interface_details where interface = 'lo'").Rows());
        Assert.Equal(772L, lo["type"]);
        Assert.Null(lo["link_speed"]);
    }

    [Fact]
    public void Query_JoinedWithInterfaceAddresses_AsFleetDoes()
    {
        using var host = TableAssert.Host();
        var rows = host.Query("select ia.address, id.mac from interface_addresses ia join interface_details id on id.interface = ia.interface where ia.interface = 'lo'").Rows();
        Assert.Contains(rows, r => (string)r["address"]! == "127.0.0.1");
    }

    [Fact]
    public void Query_DamagedProcNetDev_CompleteLinesOnly()
    {
        var rows = Fixtures.Query("damaged", "select interface, mac, mtu, obytes from interface_details").Rows();
        Assert.Equal(["lo", "eth1"], rows.Select(r => (string)r["interface"]!));
        Assert.Null(rows[1]["mtu"]);
        Assert.Equal(300L, rows[1]["obytes"]);
    }

    [Fact]
    public void Query_Debian12_PciSlotFromTheDeviceUeventAndNoLastChange()
    {
        var rows = Fixtures.Query("debian12", "select interface, pci_slot, last_change from interface_details").Rows().ToDictionary(r => (string)r["interface"]!);

        Assert.Equal("0000:00:05.0", rows["eth0"]["pci_slot"]);
        Assert.Equal("", rows["lo"]["pci_slot"]);
        Assert.All(rows.Values, r => Assert.Null(r["last_change"]));
    }
}
