// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Syslog;

namespace FarQuery.Events.Tests.Syslog;

/// <summary>The syslog publisher on a real unix datagram socket in a temporary directory.</summary>
public sealed class SyslogPublisherTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("farquery-syslog-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class Collect : IEventSubscriber<SyslogMessage>
    {
        public ConcurrentQueue<SyslogMessage> Messages { get; } = new();

        public void OnEvent(SyslogMessage e) => Messages.Enqueue(e);
    }

    private static void Send(string path, byte[] datagram)
    {
        using var client = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(path));
        client.Send(datagram);
    }

    [Fact]
    public void Start_StaleSocketFileAndDatagrams_ReplacedAndEveryDatagramPublished()
    {
        var path = Path.Join(dir, "log");
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(path));
        }

        var collect = new Collect();
        using var publisher = new SyslogPublisher(new TableContext(), path, collect);
        Assert.True(publisher.SetUp(), publisher.StatusMessage);
        publisher.Start();
        var mode = OperatingSystem.IsLinux() ? File.GetUnixFileMode(path) : default;
        Assert.Equal((UnixFileMode)0b110_110_110, mode & (UnixFileMode)0b111_111_111);

        Send(path, Encoding.UTF8.GetBytes("<11>app: one"));
        Send(path, Encoding.UTF8.GetBytes("<12>app: two"));
        Send(path, new byte[SyslogMessage.MaxDatagram + 100]);
        Assert.True(publisher.CatchUp(TimeSpan.FromSeconds(10)));

        Assert.Equal(["one", "two"], collect.Messages.Take(2).Select(m => m.Message));
        Assert.Equal(3, publisher.Messages);
        Assert.Equal(1, publisher.Truncated);
        Assert.Contains("1 cut at", publisher.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_AfterStart_RemovesTheSocketSoSendersAreRefused()
    {
        var path = Path.Join(dir, "log");
        var publisher = new SyslogPublisher(new TableContext(), path, new Collect());
        Assert.True(publisher.SetUp());
        publisher.Start();

        publisher.Dispose();

        Assert.False(File.Exists(path));
        Assert.Throws<SocketException>(() => Send(path, "<11>x: y"u8.ToArray()));
    }

    [Fact]
    public void SetUp_DirectoryCannotBeCreated_FalseWithTheReason()
    {
        var blocker = Path.Join(dir, "file");
        File.WriteAllText(blocker, "");
        using var publisher = new SyslogPublisher(new TableContext(), Path.Join(blocker, "log"), new Collect());

        Assert.False(publisher.SetUp());
        Assert.Contains("binding", publisher.StatusMessage, StringComparison.Ordinal);
    }
}
