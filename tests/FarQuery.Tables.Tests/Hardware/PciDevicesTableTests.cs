// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class PciDevicesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_OneRowPerSysfsDevice()
    {
        var dir = "/sys/bus/pci/devices";
        var slots = Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        var rows = TableAssert.SelectStarMatchesSpec("pci_devices", expect: slots.Count > 0 ? Expect.Rows : Expect.NoRows).Rows();
        Assert.Equal(slots, rows.Select(r => (string?)r["pci_slot"]));
        foreach (var r in rows)
        {
            var vendor = File.ReadAllText($"{dir}/{r["pci_slot"]}/vendor").Trim();
            Assert.Equal(vendor, (string)r["vendor_id"]!, ignoreCase: true);
        }
    }

    [Fact]
    public void Query_Fixture_IdsDriverAndNamesFromPciIds()
    {
        var rows = Fixtures.Query("hardware", "select * from pci_devices").Rows();
        Assert.Equal(6, rows.Count);

        var block = rows.Single(r => (string)r["pci_slot"]! == "0000:00:02.0");
        Assert.Equal("virtio-pci", block["driver"]);
        Assert.Equal("0x1af4", block["vendor_id"]);
        Assert.Equal("Red Hat, Inc.", block["vendor"]);
        Assert.Equal("0x1042", block["model_id"]);
        Assert.Equal("Virtio 1.0 block device", block["model"]);
        Assert.Equal("0x01", block["pci_class_id"]);
        Assert.Equal("Mass storage controller", block["pci_class"]);
        Assert.Equal("0x80", block["pci_subclass_id"]);
        Assert.Equal("Mass storage controller", block["pci_subclass"]);
        Assert.Equal("0x1af4", block["subsystem_vendor_id"]);
        Assert.Equal("Red Hat, Inc.", block["subsystem_vendor"]);
        Assert.Equal("0x1042", block["subsystem_model_id"]);
        Assert.Equal("", block["subsystem_model"]);

        var balloon = rows.Single(r => (string)r["pci_slot"]! == "0000:00:01.0");
        Assert.Equal("QEMU Virtio balloon", balloon["subsystem_model"]);
        Assert.Equal("0xff", balloon["pci_class_id"]);
        Assert.Equal("Unassigned class", balloon["pci_class"]);

        // The host bridge has no driver bound, so there is no driver link and no DRIVER key.
        var bridge = rows.Single(r => (string)r["pci_slot"]! == "0000:00:00.0");
        Assert.Equal("", bridge["driver"]);
        Assert.Equal("Intel Corporation", bridge["vendor"]);
        Assert.Equal("Host bridge", bridge["model"]);
        Assert.Equal("Bridge", bridge["pci_class"]);
        Assert.Equal("0x0000", bridge["subsystem_vendor_id"]);
    }

    [Fact]
    public void Query_NoPciIds_IdsWithoutNames()
    {
        var rows = Fixtures.Query("hardware-noids", "select pci_slot, vendor, vendor_id, model, model_id, pci_class, pci_class_id from pci_devices").Rows;
        Assert.Equal([["0000:00:02.0", "", "0x1af4", "", "0x1042", "", "0x01"]], rows);
    }

    [Fact]
    public void Query_NoSys_IsEmpty()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from pci_devices").Rows);
    }

    [Fact]
    public void HardwareIds_UsbIdsSections_ClassesAndOtherSectionsKeptApart()
    {
        var text = "# usb.ids excerpt\n1d6b  Linux Foundation\n\t0002  2.0 root hub\n\t0003  3.0 root hub\n"
            + "C 09  Hub\n\t00  Unused\n\t\t00  Full speed (or root) hub\n\t\t03  Hub with multiple TTs\n"
            + "AT 0409  English (US)\n\t0001  not a device\nHID 00  None\n";
        var ids = HardwareIds.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(1, ids.VendorCount);
        Assert.Equal("3.0 root hub", ids.Device("1d6b", "0003"));
        Assert.Equal("Hub", ids.Class("09"));
        Assert.Equal("Hub with multiple TTs", ids.Protocol("09", "00", "03"));
        Assert.Equal("", ids.Device("0409", "0001"));
    }
}
