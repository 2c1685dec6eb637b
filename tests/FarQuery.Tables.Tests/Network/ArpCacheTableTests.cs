// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class ArpCacheTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("arp_cache", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Fixture_ParsesEntriesAndPermanentFlag()
    {
        using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", "debian12")) });
        var rows = host.Query("select address, mac, interface, permanent from arp_cache order by address").Rows;
        Assert.Equal(2, rows.Count);
        Assert.Equal(["10.0.0.1", "02:fc:00:00:00:05", "eth0", "0"], rows[0]);
        Assert.Equal(["10.0.0.9", "aa:bb:cc:dd:ee:ff", "eth1", "1"], rows[1]);
    }
}
