// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Events.Udev;

namespace FarQuery.Events.Tests.Udev;

public sealed class UeventTests
{
    // Captured on this kernel from writing "change" to /sys/class/mem/null/uevent and /sys/devices/virtual/net/lo/uevent.
    internal const string MemNullChange = "change@/devices/virtual/mem/null\0ACTION=change\0DEVPATH=/devices/virtual/mem/null\0SUBSYSTEM=mem\0SYNTH_UUID=0\0MAJOR=1\0MINOR=3\0DEVNAME=null\0DEVMODE=0666\0SEQNUM=5330\0";
    internal const string LoChange = "change@/devices/virtual/net/lo\0ACTION=change\0DEVPATH=/devices/virtual/net/lo\0SUBSYSTEM=net\0SYNTH_UUID=0\0INTERFACE=lo\0IFINDEX=1\0SEQNUM=5331\0";

    // What drivers/usb/core/usb.c and the driver core send when a USB device is plugged in (usb_dev_uevent).
    internal const string UsbAdd = "add@/devices/pci0000:00/0000:00:14.0/usb1/1-2\0ACTION=add\0DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2\0SUBSYSTEM=usb\0MAJOR=189\0MINOR=1\0DEVNAME=bus/usb/001/002\0DEVTYPE=usb_device\0PRODUCT=46d/c52b/1211\0TYPE=0/0/0\0BUSNUM=001\0DEVNUM=002\0SEQNUM=4242\0";
    internal const string UsbBind = "bind@/devices/pci0000:00/0000:00:14.0/usb1/1-2\0ACTION=bind\0DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2\0SUBSYSTEM=usb\0DEVNAME=bus/usb/001/002\0DEVTYPE=usb_device\0DRIVER=usb\0PRODUCT=46d/c52b/1211\0TYPE=0/0/0\0SEQNUM=4243\0";

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TryParse_KernelChange_HeaderAndProperties()
    {
        Assert.True(Uevent.TryParse(Bytes(MemNullChange), out var ev));
        Assert.Equal("change", ev.Action);
        Assert.Equal("/devices/virtual/mem/null", ev.DevPath);
        Assert.Equal("mem", ev.Get("SUBSYSTEM"));
        Assert.Equal("null", ev.Get("DEVNAME"));
        Assert.Equal("5330", ev.Get("SEQNUM"));
        Assert.Equal(9, ev.Properties.Count);
        Assert.Null(ev.Get("DRIVER"));
    }

    [Fact]
    public void TryParse_UsbAdd_AllKeys()
    {
        Assert.True(Uevent.TryParse(Bytes(UsbAdd), out var ev));
        Assert.Equal("add", ev.Action);
        Assert.Equal("/devices/pci0000:00/0000:00:14.0/usb1/1-2", ev.DevPath);
        Assert.Equal("46d/c52b/1211", ev.Get("PRODUCT"));
        Assert.Equal("bus/usb/001/002", ev.Get("DEVNAME"));
    }

    [Fact]
    public void TryParse_LibudevMessage_Rejected()
    {
        // udevd's monitor messages: the magic, then a binary header with the properties offset.
        byte[] message = [.. "libudev\0"u8, 0xfe, 0xed, 0xca, 0xfe, 0x28, 0, 0, 0, .. "add@/devices/x\0ACTION=add\0"u8];
        Assert.True(Uevent.IsLibudev(message));
        Assert.False(Uevent.TryParse(message, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("no header here\0ACTION=add\0")]
    [InlineData("@/devices/x\0ACTION=add\0")]
    [InlineData("add@\0ACTION=add\0")]
    [InlineData("add@devices/x\0")]
    public void TryParse_Malformed_Rejected(string message)
    {
        Assert.False(Uevent.TryParse(Bytes(message), out _));
    }

    [Fact]
    public void TryParse_HeaderOnlyNoTerminator_Parsed()
    {
        Assert.True(Uevent.TryParse(Bytes("remove@/devices/virtual/block/loop7"), out var ev));
        Assert.Equal("remove", ev.Action);
        Assert.Equal("/devices/virtual/block/loop7", ev.DevPath);
        Assert.Empty(ev.Properties);
    }

    [Fact]
    public void TryParse_PropertiesWinOverHeader_AndOddPairsSkipped()
    {
        Assert.True(Uevent.TryParse(Bytes("change@/devices/a\0ACTION=online\0DEVPATH=/devices/b\0NOEQUALS\0=novalue\0EMPTY=\0DUP=1\0DUP=2\0VAL=a=b"), out var ev));
        Assert.Equal("online", ev.Action);
        Assert.Equal("/devices/b", ev.DevPath);
        Assert.Equal("2", ev.Get("DUP"));
        Assert.Equal("a=b", ev.Get("VAL"));
        Assert.Null(ev.Get("EMPTY"));
        Assert.True(ev.Properties.ContainsKey("EMPTY"));
        Assert.False(ev.Properties.ContainsKey("NOEQUALS"));
        Assert.Equal(5, ev.Properties.Count);
    }
}
