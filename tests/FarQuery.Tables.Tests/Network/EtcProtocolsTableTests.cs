// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class EtcProtocolsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("etc_protocols", context: Fixtures.Context("debian12")).Rows();
        var expected = File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "etc/protocols")).Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public void Query_Tcp_NameNumberAliasComment()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select name, number, alias, comment from etc_protocols where number = 6").Rows);
        Assert.Equal(["tcp", 6L, "TCP", "transmission control protocol"], row);
    }

    [Fact]
    public void Query_Ipv6Icmp_NumberAndFirstAlias()
    {
        var udp = Assert.Single(Fixtures.Query("debian12", "select number, alias from etc_protocols where name = 'ipv6-icmp'").Rows);
        Assert.Equal([58L, "IPv6-ICMP"], udp);
    }

    [Fact]
    public void Query_DamagedFile_CommentPartsJoinedAndShortLinesSkipped()
    {
        var rows = Fixtures.Query("damaged", "select name, number, alias, comment from etc_protocols").Rows;
        Assert.Equal(["tcp", "weird", "udp"], rows.Select(r => (string)r[0]!));
        Assert.Equal("transmission control # rfc793", rows[0][3]);
        Assert.Null(rows[1][1]);
        Assert.Null(rows[2][2]);
        Assert.Null(rows[2][3]);
    }
}
