// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Decoding of struct sockaddr bytes as read from a tracee.</summary>
public sealed class SockaddrTests
{
    [Fact]
    public void TryParse_Inet_GivesAddressAndPort()
    {
        byte[] b = [2, 0, 0x1f, 0x90, 169, 254, 169, 254, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.True(Sockaddr.TryParse(b, out var a));
        Assert.Equal(new Sockaddr(2, "169.254.169.254", 8080, null), a);
    }

    [Fact]
    public void TryParse_Inet6_GivesAddressAndPort()
    {
        var b = new byte[28];
        b[0] = 10;
        b[2] = 0x01;
        b[3] = 0xbb;
        b[23] = 1;
        Assert.True(Sockaddr.TryParse(b, out var a));
        Assert.Equal(new Sockaddr(10, "::1", 443, null), a);
    }

    [Fact]
    public void TryParse_UnixPathAndAbstract_GivePath()
    {
        Assert.True(Sockaddr.TryParse([1, 0, .. "/run/x.sock"u8, 0, 0], out var path));
        Assert.Equal("/run/x.sock", path.UnixPath);
        Assert.True(Sockaddr.TryParse([1, 0, 0, .. "abstract"u8], out var abs));
        Assert.Equal("@abstract", abs.UnixPath);
    }

    [Fact]
    public void TryParse_TooShort_IsFalse()
    {
        Assert.False(Sockaddr.TryParse([2], out _));
        Assert.True(Sockaddr.TryParse([2, 0, 0], out var partial));
        Assert.Null(partial.Address);
    }
}
