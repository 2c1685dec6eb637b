// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Events.Inotify;

namespace FarQuery.Events.Tests.Inotify;

/// <summary>Walking the records of one inotify read: fixed headers, NUL-padded names, a buffer cut short.</summary>
public sealed class InotifyRecordsTests
{
    // struct inotify_event as the kernel writes it (little-endian): wd, mask, cookie, len, then len bytes of name.
    private static byte[] Record(int wd, uint mask, string name, int len)
    {
        var bytes = new byte[16 + len];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), wd);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), mask);
        BitConverter.TryWriteBytes(bytes.AsSpan(12), (uint)len);
        Encoding.UTF8.GetBytes(name).CopyTo(bytes, 16);
        return bytes;
    }

    [Fact]
    public void TryNext_TwoRecords_GivesHeadersAndNamesWithoutPadding()
    {
        ReadOnlySpan<byte> data = [.. Record(3, 0x100, "a.txt", 16), .. Record(7, 0x20, "", 0)];

        Assert.True(InotifyRecords.TryNext(ref data, out var first, out var firstName));
        Assert.Equal((3, 0x100u, 16u), (first.wd, first.mask, first.len));
        Assert.Equal("a.txt", Encoding.UTF8.GetString(firstName));

        Assert.True(InotifyRecords.TryNext(ref data, out var second, out var secondName));
        Assert.Equal((7, 0x20u), (second.wd, second.mask));
        Assert.True(secondName.IsEmpty);

        Assert.False(InotifyRecords.TryNext(ref data, out _, out _));
    }

    [Fact]
    public void TryNext_NameCutByTheBuffer_GivesWhatIsLeftAndThenStops()
    {
        ReadOnlySpan<byte> data = Record(1, 0x2, "passwd", 32).AsSpan(0, 16 + 4);

        Assert.True(InotifyRecords.TryNext(ref data, out _, out var name));
        Assert.Equal("pass", Encoding.UTF8.GetString(name));
        Assert.False(InotifyRecords.TryNext(ref data, out _, out _));
    }

    [Fact]
    public void TryNext_PartialHeader_GivesNothing()
    {
        ReadOnlySpan<byte> data = Record(1, 0x2, "", 0).AsSpan(0, 15);

        Assert.False(InotifyRecords.TryNext(ref data, out _, out _));
    }
}
