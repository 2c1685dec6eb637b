// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

/// <summary>The ipc fixture's /proc/net/if_inet6 and /proc/sys/net/ipv6/conf/{eth0,lo} were copied from the build
/// machine: eth0 has two addresses (one row), lo one.</summary>
public sealed class InterfaceIpv6TableTests
{
    [Fact]
    public void SelectStar_Ipc_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("interface_ipv6", context: Fixtures.Context("ipc")).Rows;
        Assert.Equal([["eth0", 64L, 0L, 1L, 0L], ["lo", 64L, 0L, 1L, 1L]], rows);
    }

    [Fact]
    public void Query_LiveLoopback_HasAHopLimit()
    {
        using var host = TableAssert.Host();
        if (!File.Exists("/proc/net/if_inet6"))
        {
            // IPv6 is disabled in this network namespace: the table is empty, which is its answer then.
            Assert.Empty(host.Query("select * from interface_ipv6").Rows);
            return;
        }

        var hop = Assert.Single(host.Query("select hop_limit from interface_ipv6 where interface = 'lo'").Rows)[0];
        Assert.InRange((long)hop!, 1L, 255L);
    }

    [Fact]
    public void Query_NoIpv6_NoRows()
    {
        Assert.Empty(Fixtures.Query("debian12", "select * from interface_ipv6").Rows);
    }
}
