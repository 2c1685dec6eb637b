// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Sockets;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class ListeningPortsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("listening_ports");
    }

    [Fact]
    public void Query_OwnTcpListenerAndUdpSocket_AreListed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var tcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var udp = new UdpClient(new IPEndPoint(IPAddress.IPv6Any, 0));
        var udpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        using var host = TableAssert.Host();
        var rows = host.Query($"select port, protocol, family, address from listening_ports where pid = {Environment.ProcessId}").Rows();
        Assert.Contains(rows, r => (long)r["port"]! == tcpPort && (long)r["protocol"]! == 6 && (long)r["family"]! == 2 && (string)r["address"]! == "127.0.0.1");
        Assert.Contains(rows, r => (long)r["port"]! == udpPort && (long)r["protocol"]! == 17 && (long)r["family"]! == 10 && (string)r["address"]! == "::");
    }

    [Fact]
    public void Query_Fixture_ListsBoundSocketsButNotConnections()
    {
        var rows = Fixtures.Query("debian12", "select port, protocol, family, address, fd, socket, path from listening_ports where pid = 4242 order by fd").Rows();
        Assert.Equal([3L, 4L, 5L, 6L], rows.Select(r => (long)r["fd"]!));
        Assert.Equal([8080L, 8443L, 5353L, 0L], rows.Select(r => (long)r["port"]!));
        Assert.Equal("/tmp/fq fixture.sock", rows[3]["path"]);
        Assert.Equal(0L, rows[3]["socket"]);
        Assert.Equal(76198L, rows[0]["socket"]);
    }
}
