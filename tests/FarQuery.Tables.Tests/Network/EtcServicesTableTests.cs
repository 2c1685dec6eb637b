// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class EtcServicesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("etc_services");
        if (File.Exists("/etc/services"))
        {
            Assert.Contains(result.Rows(), r => (string)r["name"]! == "ssh" && (long)r["port"]! == 22);
        }
    }

    [Fact]
    public void Query_Debian12_PortProtocolAliasesComment()
    {
        var rows = Fixtures.Query("debian12", "select * from etc_services where name = 'http'").Rows();
        var http = Assert.Single(rows);
        Assert.Equal(80L, http["port"]);
        Assert.Equal("tcp", http["protocol"]);
        Assert.Equal("www", http["aliases"]);
        Assert.Equal("WorldWideWeb HTTP", http["comment"]);
    }

    [Fact]
    public void Query_Debian12_EveryServiceLineOfTheSlice()
    {
        var expected = File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "etc", "services")).Count(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('/'));
        Assert.Equal(expected, Fixtures.Query("debian12", "select * from etc_services").Rows.Count);
    }

    [Fact]
    public void Query_DamagedServices_SkipsBadPorts()
    {
        var rows = Fixtures.Query("damaged", "select name, port from etc_services").Rows();
        Assert.Equal(["ssh", "http"], rows.Select(r => (string)r["name"]!));
    }
}
