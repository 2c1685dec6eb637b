// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Udev;

namespace FarQuery.Events.Tests.Udev;

/// <summary>The uevent → hardware_events mapping over a fake root whose sys/ holds the attributes real devices have.</summary>
public sealed class HardwareEventTests : IDisposable
{
    private const string UsbDir = "sys/devices/pci0000:00/0000:00:14.0/usb1/1-2";
    private const string ScsiDir = "sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0";
    private const string PciDir = "sys/devices/pci0000:00/0000:00:03.0";
    private readonly string root = Directory.CreateTempSubdirectory("fq-udev-sys-").FullName;

    public HardwareEventTests()
    {
        Write(UsbDir, ("idVendor", "046d\n"), ("idProduct", "c52b\n"), ("manufacturer", "Logitech\n"), ("product", "USB Receiver\n"), ("serial", "ABC123\n"), ("bcdDevice", "1211\n"));
        Write(UsbDir + "/1-2:1.0", ("bInterfaceClass", "03\n"));
        Write(ScsiDir, ("vendor", "ATA     \n"), ("model", "Samsung SSD 860 \n"), ("rev", "4B6Q\n"));
        Write(ScsiDir + "/block/sda/sda1", ("partition", "1\n"));
        Write(PciDir, ("vendor", "0x8086\n"), ("device", "0x100e\n"), ("revision", "0x03\n"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void From_KernelUsbAdd_IdsFromProductNamesFromSysfs()
    {
        var ev = Map(UeventTests.UsbAdd);
        Assert.NotNull(ev);
        Assert.Equal("add", ev.Action);
        Assert.Equal("/dev/bus/usb/001/002", ev.Path);
        Assert.Equal("usb_device", ev.Type);
        Assert.Null(ev.Driver);
        Assert.Equal("046d", ev.VendorId);
        Assert.Equal("c52b", ev.ModelId);
        Assert.Equal("1211", ev.Revision);
        Assert.Equal("Logitech", ev.Vendor);
        Assert.Equal("USB Receiver", ev.Model);
        Assert.Equal("ABC123", ev.Serial);
    }

    [Fact]
    public void From_UsbInterfaceWithDriver_AttributesFromParentDevice()
    {
        var ev = Map("bind@/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0\0ACTION=bind\0DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0\0SUBSYSTEM=usb\0DEVTYPE=usb_interface\0DRIVER=usbhid\0PRODUCT=46d/c52b/1211\0INTERFACE=3/1/1\0");
        Assert.NotNull(ev);
        Assert.Null(ev.Path);
        Assert.Equal("usb_interface", ev.Type);
        Assert.Equal("usbhid", ev.Driver);
        Assert.Equal("046d", ev.VendorId);
        Assert.Equal("Logitech", ev.Vendor);
        Assert.Equal("ABC123", ev.Serial);
    }

    [Fact]
    public void From_Partition_WalksUpToScsiDevice()
    {
        var ev = Map($"add@/{ScsiDir[4..]}/block/sda/sda1\0ACTION=add\0SUBSYSTEM=block\0DEVNAME=sda1\0DEVTYPE=partition\0PARTN=1\0MAJOR=8\0MINOR=1\0");
        Assert.NotNull(ev);
        Assert.Equal("/dev/sda1", ev.Path);
        Assert.Equal("partition", ev.Type);
        Assert.Equal("ATA", ev.Vendor);
        Assert.Equal("Samsung SSD 860", ev.Model);
        Assert.Equal("4B6Q", ev.Revision);
        Assert.Null(ev.VendorId);
    }

    [Fact]
    public void From_PciBind_IdsFromPciIdAndRevisionFromSysfs()
    {
        var ev = Map("bind@/devices/pci0000:00/0000:00:03.0\0ACTION=bind\0SUBSYSTEM=pci\0DRIVER=e1000\0PCI_CLASS=20000\0PCI_ID=8086:100E\0PCI_SUBSYS_ID=8086:001E\0PCI_SLOT_NAME=0000:00:03.0\0");
        Assert.NotNull(ev);
        Assert.Null(ev.Path);
        Assert.Equal("pci", ev.Type);
        Assert.Equal("e1000", ev.Driver);
        Assert.Equal("8086", ev.VendorId);
        Assert.Equal("100e", ev.ModelId);
        Assert.Equal("0003", ev.Revision);

        // PCI's vendor attribute is an ID, not a name.
        Assert.Null(ev.Vendor);
    }

    [Fact]
    public void From_PciWithoutPciId_IdsFromSysfsHex()
    {
        var ev = Map("change@/devices/pci0000:00/0000:00:03.0\0SUBSYSTEM=pci\0DRIVER=e1000\0");
        Assert.NotNull(ev);
        Assert.Equal("8086", ev.VendorId);
        Assert.Equal("100e", ev.ModelId);
    }

    [Fact]
    public void From_Remove_DoesNotReadSysfs()
    {
        var ev = Map(UeventTests.UsbAdd.Replace("add", "remove", StringComparison.Ordinal));
        Assert.NotNull(ev);
        Assert.Equal("remove", ev.Action);
        Assert.Equal("046d", ev.VendorId);
        Assert.Null(ev.Vendor);
        Assert.Null(ev.Serial);
    }

    [Fact]
    public void From_UdevProperties_WinOverKernelAndSysfs()
    {
        var ev = Map(UeventTests.UsbAdd + "ID_VENDOR_FROM_DATABASE=Logitech, Inc.\0ID_MODEL_FROM_DATABASE=Unifying Receiver\0ID_VENDOR_ID=046d\0ID_MODEL_ID=c52b\0ID_SERIAL_SHORT=XYZ\0ID_REVISION=1212\0");
        Assert.NotNull(ev);
        Assert.Equal("Logitech, Inc.", ev.Vendor);
        Assert.Equal("Unifying Receiver", ev.Model);
        Assert.Equal("XYZ", ev.Serial);
        Assert.Equal("1212", ev.Revision);
    }

    [Fact]
    public void From_MemNullChange_PathAndSubsystemAsType()
    {
        var ev = Map(UeventTests.MemNullChange);
        Assert.NotNull(ev);
        Assert.Equal(new HardwareEvent("change", "/dev/null", "mem", null, null, null, null, null, null, null, "mem"), ev);
    }

    [Theory]
    [InlineData(UeventTests.LoChange)]
    [InlineData("add@/module/loop\0ACTION=add\0DEVPATH=/module/loop\0SUBSYSTEM=module\0")]
    public void From_NoDeviceNodeNorDriver_NotReported(string message)
    {
        Assert.Null(Map(message));
    }

    [Fact]
    public void From_DevPathEscapingSys_NoAttributesRead()
    {
        Write("sys/etc", ("vendor", "evil\n"));
        var ev = Map("add@/devices/../etc/x\0SUBSYSTEM=x\0DEVNAME=x\0");
        Assert.NotNull(ev);
        Assert.Null(ev.Vendor);
    }

    private HardwareEvent? Map(string message)
    {
        Assert.True(Uevent.TryParse(Encoding.UTF8.GetBytes(message), out var uevent));
        return HardwareEvent.From(uevent, new HostFileSystem(root));
    }

    private void Write(string dir, params (string Name, string Text)[] attributes)
    {
        var full = Path.Join(root, dir);
        Directory.CreateDirectory(full);
        foreach (var (name, text) in attributes)
        {
            File.WriteAllText(Path.Join(full, name), text);
        }
    }
}
