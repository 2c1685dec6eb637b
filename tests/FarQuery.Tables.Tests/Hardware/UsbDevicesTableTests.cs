// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class UsbDevicesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_OneRowPerUsbDevice()
    {
        var dir = "/sys/bus/usb/devices";
        var devices = Directory.Exists(dir)
            ? Directory.GetFileSystemEntries(dir).Count(d => File.ReadAllLines(Path.Join(d, "uevent")).Contains("DEVTYPE=usb_device"))
            : 0;
        var rows = TableAssert.SelectStarMatchesSpec("usb_devices", expect: devices > 0 ? Expect.Rows : Expect.NoRows).Rows();
        Assert.Equal(devices, rows.Count);
    }

    [Fact]
    public void Query_Fixture_DevicesNotInterfacesWithIdsNamesAndClass()
    {
        var rows = Fixtures.Query("hardware", "select * from usb_devices order by usb_port").Rows();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r["usb_port"]));
        Assert.All(rows, r => Assert.Equal(1L, r["usb_address"]));

        var hub = rows[0];
        Assert.Equal("1d6b", hub["vendor_id"]);
        Assert.Equal("Linux Foundation", hub["vendor"]);
        Assert.Equal("0002", hub["model_id"]);
        Assert.Equal("2.0 root hub", hub["model"]);
        Assert.Equal("0601", hub["version"]);
        Assert.Equal("0000:00:14.0", hub["serial"]);
        Assert.Equal(["9", "0", "1"], new[] { hub["class"], hub["subclass"], hub["protocol"] });
        Assert.Equal(-1L, hub["removable"]);

        // Not in the usb.ids excerpt: the device's own strings stand in for the names.
        var stick = rows[1];
        Assert.Equal("USB", stick["vendor"]);
        Assert.Equal("SanDisk 3.2Gen1", stick["model"]);
        Assert.Equal("0781", stick["vendor_id"]);
        Assert.Equal("4C530001230517117052", stick["serial"]);
        Assert.Equal(1L, stick["removable"]);

        var receiver = rows[2];
        Assert.Equal("Logitech, Inc.", receiver["vendor"]);
        Assert.Equal("Unifying Receiver", receiver["model"]);
        Assert.Equal("", receiver["serial"]);
        Assert.Equal(0L, receiver["removable"]);
    }

    [Fact]
    public void Query_NoUsbBus_IsEmpty()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from usb_devices").Rows);
    }
}
