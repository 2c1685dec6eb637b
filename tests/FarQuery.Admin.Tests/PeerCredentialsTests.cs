// SPDX-License-Identifier: Apache-2.0
using System.Net.Sockets;
using FarQuery.Admin.Tests.Support;

namespace FarQuery.Admin.Tests;

public sealed class PeerCredentialsTests
{
    [Fact]
    public void TryGet_ConnectedUnixSocket_ReturnsThisProcess()
    {
        var directory = TempDirectory.Create();
        try
        {
            var path = Path.Join(directory, "s");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            using var accepted = listener.Accept();

            Assert.True(PeerCredentials.TryGet(accepted, out var peer));

            Assert.Equal(Environment.ProcessId, peer.Pid);
            Assert.Equal(PeerCredentials.EffectiveUid, peer.Uid);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public void EffectiveUid_MatchesProcSelfStatus()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));

        Assert.Equal(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], PeerCredentials.EffectiveUid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(PeerCredentials.EffectiveUid >= 0);
    }

    [Fact]
    public void TryGet_UnconnectedSocket_ReturnsFalseOrNoPeer()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        // Linux answers SO_PEERCRED on an unconnected socket with pid 0 and uid/gid -1 (no peer), never with a uid
        // that would pass the check by accident.
        var got = PeerCredentials.TryGet(socket, out var peer);

        Assert.True(!got || (peer.Pid == 0 && peer.Uid == -1), $"{peer}");
    }
}
