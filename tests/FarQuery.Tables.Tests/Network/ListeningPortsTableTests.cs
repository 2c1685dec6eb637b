// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Sockets;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class ListeningPortsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("listening_ports", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_OwnTcpListenerAndUdpSocket_AreListed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var tcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;

        // A container without IPv6 (Docker's default) cannot bind ::1; the IPv6 checks then use what it has.
        using var udp = TryBind(() => new UdpClient(new IPEndPoint(IPAddress.IPv6Any, 0))) ?? new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        var udpEndpoint = (IPEndPoint)udp.Client.LocalEndPoint!;
        var listener6 = TryBind(() =>
        {
            var l = new TcpListener(IPAddress.IPv6Loopback, 0);
            l.Start();
            return l;
        });

        try
        {
            using var host = TableAssert.Host();
            var rows = host.Query($"select port, protocol, family, address from listening_ports where pid = {Environment.ProcessId}").Rows();
            Assert.Contains(rows, r => (long)r["port"]! == tcpPort && (long)r["protocol"]! == 6 && (long)r["family"]! == 2 && (string)r["address"]! == "127.0.0.1");
            var udpFamily = udpEndpoint.AddressFamily == AddressFamily.InterNetworkV6 ? 10L : 2L;
            var udpAddress = udpFamily == 10 ? "::" : "0.0.0.0";
            Assert.Contains(rows, r => (long)r["port"]! == udpEndpoint.Port && (long)r["protocol"]! == 17 && (long)r["family"]! == udpFamily && (string)r["address"]! == udpAddress);
            if (listener6 is not null)
            {
                // ::1 is the one address whose bytes differ in every 32-bit word order, so it proves the tcp6 decoding.
                var port6 = ((IPEndPoint)listener6.LocalEndpoint).Port;
                Assert.Contains(rows, r => (long)r["port"]! == port6 && (long)r["family"]! == 10 && (string)r["address"]! == "::1");
            }
        }
        finally
        {
            listener6?.Stop();
            listener6?.Dispose();
        }
    }

    private static T? TryBind<T>(Func<T> bind)
        where T : class
    {
        try
        {
            return bind();
        }
        catch (SocketException e)
        {
            Console.Error.WriteLine($"IPv6 not available here ({e.SocketErrorCode}); checking IPv4 only");
            return null;
        }
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
