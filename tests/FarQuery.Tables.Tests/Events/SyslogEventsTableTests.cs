// SPDX-License-Identifier: Apache-2.0
using System.Net.Sockets;
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Syslog;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>syslog_events from real datagrams sent to a publisher's socket in a temporary directory.</summary>
public sealed class SyslogEventsTableTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("farquery-syslog-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static void Send(string path, string datagram)
    {
        using var client = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(path));
        client.Send(Encoding.UTF8.GetBytes(datagram));
    }

    [Fact]
    public void SelectStar_DatagramsOfBothForms_RowsThroughThePublisher()
    {
        var context = new TableContext();
        var path = Path.Join(dir, "log");
        using var publisher = new SyslogPublisher(context, path, new SyslogEventsSubscriber(context));
        Assert.True(publisher.SetUp(), publisher.StatusMessage);
        publisher.Start();

        Send(path, "<11>Aug  4 09:15:02 app[42]: disk full on /data");
        Send(path, "<165>1 2026-08-04T09:15:03.5+02:00 web-1 nginx 7 ID47 [meta seq=\"1\"] GET /health 200");
        Assert.True(publisher.CatchUp(TimeSpan.FromSeconds(10)));

        var result = TableAssert.SelectStarMatchesSpec("syslog_events", context: context);
        Assert.Equal(2, result.Rows.Count);
        using var host = TableAssert.Host(context);
        var rows = host.Query("select host, severity, facility, tag, message, datetime from syslog_events order by severity").Rows;
        Assert.Equal([Environment.MachineName, 3L, "user", "app", "disk full on /data"], rows[0][..5]);
        Assert.EndsWith("-08-04T09:15:02Z", (string)rows[0][5]!, StringComparison.Ordinal);
        Assert.Equal(["web-1", 5L, "local4", "nginx", "GET /health 200", "2026-08-04T07:15:03Z"], rows[1]);
        Assert.StartsWith("listening on " + path, publisher.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SetUp_PathIsARegularFile_RefusedAndTheFileKept()
    {
        var context = new TableContext();
        var path = Path.Join(dir, "log");
        File.WriteAllText(path, "not a socket");
        using var publisher = new SyslogPublisher(context, path, new SyslogEventsSubscriber(context));

        Assert.False(publisher.SetUp());
        Assert.Contains("not a socket", publisher.StatusMessage, StringComparison.Ordinal);
        Assert.Equal("not a socket", File.ReadAllText(path));
        TableAssert.SelectStarMatchesSpec("syslog_events", context: context, expect: Expect.NoRows);
    }
}
