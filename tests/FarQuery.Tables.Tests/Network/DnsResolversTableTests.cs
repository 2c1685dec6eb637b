// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class DnsResolversTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("dns_resolvers");
        var servers = File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf").Count(l => l.StartsWith("nameserver ", StringComparison.Ordinal)) : 0;
        Assert.Equal(servers, result.Rows().Count(r => (string)r["type"]! == "nameserver"));
    }

    [Fact]
    public void Query_Debian12_EveryEntryNumberedWithinItsType()
    {
        var rows = Fixtures.Query("debian12", "select * from dns_resolvers").Rows();
        var summary = rows.Select(r => $"{r["type"]}/{r["id"]}/{r["address"]}/{r["netmask"]}");
        Assert.Equal(
            ["search/0/ec2.internal/", "search/1/svc.local/", "nameserver/0/10.0.0.2/", "nameserver/1/169.254.169.253/", "sortlist/0/10.0.0.0/255.255.0.0", "options/0/timeout:2/", "options/1/attempts:5/"],
            summary);
    }

    [Fact]
    public void Query_DamagedResolvConf_ReadableEntriesOnly()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select type, address from dns_resolvers").Rows());
        Assert.Equal("10.0.0.2", row["address"]);
    }

    [Fact]
    public void Query_Debian12_OptionsWithoutFlagsAreTheResolverDefaults()
    {
        var rows = Fixtures.Query("debian12", "select distinct options from dns_resolvers").Rows();

        // RES_INIT | RES_RECURSE | RES_DEFNAMES | RES_DNSRCH; timeout: and attempts: set no bit.
        Assert.Equal(705L, Assert.Single(rows)["options"]);
    }

    [Fact]
    public void OptionBits_FlagOptions_AddTheirResolvBits()
    {
        Assert.Equal(705L | 0x4000 | 0x100000 | 0x4000000, DnsResolversTable.OptionBits(["rotate", "edns0", "ndots:5", "trust-ad", "unknown"]));
    }
}
