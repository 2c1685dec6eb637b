// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Sockets;
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessOpenSocketsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("process_open_sockets", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_OwnLoopbackConnection_ShowsListenerAndBothEnds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var server = listener.AcceptTcpClient();
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var context = new TableContext();
        using var host = TableAssert.Host(context);
        var rows = host.Query($"select fd, family, protocol, local_address, local_port, remote_address, remote_port, state from process_open_sockets where pid = {Environment.ProcessId}").Rows();
        Assert.Equal(1, context.Fs.ProcessReads);
        Assert.Contains(rows, r => (long)r["local_port"]! == port && (string)r["state"]! == "LISTEN" && (string)r["local_address"]! == "127.0.0.1");
        Assert.Contains(rows, r => (long)r["local_port"]! == clientPort && (long)r["remote_port"]! == port && (string)r["state"]! == "ESTABLISHED");
        Assert.Contains(rows, r => (long)r["local_port"]! == port && (long)r["remote_port"]! == clientPort && (string)r["state"]! == "ESTABLISHED");
        Assert.All(rows.Where(r => (long)r["local_port"]! == port), r => Assert.True((long)r["fd"]! >= 0));
    }

    [Fact]
    public void Query_ProcessesExitingMidScan_AreSkippedNotErrors()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Fixtures.WhileProcessesChurn(() =>
        {
            using var host = TableAssert.Host();
            for (var i = 0; i < 20; i++)
            {
                Assert.NotEmpty(host.Query($"select fd from process_open_sockets where pid = {Environment.ProcessId}").Rows);
                host.Query("select pid, fd, state from process_open_sockets");
            }
        });
    }

    [Fact]
    public void Query_FixtureProcess_MapsEveryDescriptorToItsSocket()
    {
        var rows = Fixtures.Query("debian12", "select fd, socket, family, protocol, local_address, local_port, remote_address, remote_port, path, state, net_namespace from process_open_sockets where pid = 4242 order by fd").Rows();
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L], rows.Select(r => (long)r["fd"]!));
        Assert.All(rows, r => Assert.Equal("4026531833", r["net_namespace"]));

        Assert.Equal((76198L, 2L, 6L, "127.0.0.1", 8080L, "LISTEN"), Tuple(rows[0]));
        Assert.Equal((76199L, 10L, 6L, "::", 8443L, "LISTEN"), Tuple(rows[1]));
        Assert.Equal((76200L, 2L, 17L, "0.0.0.0", 5353L, ""), Tuple(rows[2]));
        Assert.Equal(1L, rows[3]["family"]);
        Assert.Equal("/tmp/fq fixture.sock", rows[3]["path"]);
        Assert.Equal("ESTABLISHED", rows[4]["state"]);
        Assert.Equal(8080L, rows[4]["remote_port"]);
        Assert.Equal(8080L, rows[5]["local_port"]);
        Assert.Equal(rows[4]["local_port"], rows[5]["remote_port"]);
    }

    private static (long, long, long, string, long, string) Tuple(Dictionary<string, object?> r) =>
        ((long)r["socket"]!, (long)r["family"]!, (long)r["protocol"]!, (string)r["local_address"]!, (long)r["local_port"]!, (string)r["state"]!);

    [Fact]
    public void Query_FixtureScan_ReportsUnownedSocketsWithPidMinusOne()
    {
        var rows = Fixtures.Query("debian12", "select pid, fd, local_port, state from process_open_sockets where pid = -1 and state = 'TIME_WAIT'").Rows();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(-1L, r["fd"]));
    }

    [Fact]
    public void Query_DamagedSocketLists_KeepWhatCanBeRead()
    {
        var rows = Fixtures.Query("damaged", "select pid, fd, socket, local_port, remote_address, remote_port, path, state from process_open_sockets").Rows();

        Assert.Contains(rows, r => (long)r["pid"]! == 77 && (long)r["fd"]! == 3 && (long)r["local_port"]! == 8080 && (string)r["state"]! == "LISTEN");
        Assert.Contains(rows, r => (long)r["pid"]! == 77 && (long)r["fd"]! == 4 && (string)r["path"]! == "@abstract");

        // The line cut after its addresses still gives a row, without an owner (its inode is unknown).
        Assert.Contains(rows, r => (long)r["pid"]! == -1 && (long)r["local_port"]! == 8081 && (long)r["socket"]! == 0);
        Assert.Contains(rows, r => (long)r["local_port"]! == 22 && (string)r["remote_address"]! == "127.0.0.3" && (long)r["remote_port"]! == 0xC000);
        Assert.DoesNotContain(rows, r => (long)r["local_port"]! == 0x1F92);
    }
}
