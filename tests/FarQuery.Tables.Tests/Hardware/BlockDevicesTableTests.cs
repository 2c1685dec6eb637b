// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class BlockDevicesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_RowsMatchSpec()
    {
        var devices = Directory.Exists("/sys/class/block") ? Directory.GetFileSystemEntries("/sys/class/block").Length : 0;
        var rows = TableAssert.SelectStarMatchesSpec("block_devices", expect: devices > 0 ? Expect.Rows : Expect.NoRows).Rows();
        Assert.Equal(devices, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("/dev/", (string)r["name"]!));
    }

    [Fact]
    public void Query_Fixture_DisksPartitionsAndDeviceMapperWithParentsAndProbe()
    {
        var rows = Fixtures.Query("hardware", "select * from block_devices order by name").Rows();
        Assert.Equal(["/dev/dm-0", "/dev/sda", "/dev/sda1", "/dev/sda2", "/dev/vda", "/dev/vda1"], rows.Select(r => r["name"]));
        var byName = rows.ToDictionary(r => (string)r["name"]!);

        var vda = byName["/dev/vda"];
        Assert.Equal("", vda["parent"]);
        Assert.Equal("0x1af4", vda["vendor"]);
        Assert.Equal("overlayblk", vda["serial"]);
        Assert.Equal(536870912L, vda["size"]);
        Assert.Equal(512L, vda["block_size"]);

        var vda1 = byName["/dev/vda1"];
        Assert.Equal("/dev/vda", vda1["parent"]);
        Assert.Equal("0x1af4", vda1["vendor"]);
        Assert.Equal(512L, vda1["block_size"]);
        Assert.Equal("3b1a5c2e-7f0d-4b8e-9a61-2c4f5e6d7a8b", vda1["uuid"]);
        Assert.Equal("rootfs", vda1["label"]);
        Assert.Equal("ext4", vda1["type"]);

        // A 4Kn SCSI disk: vendor, model and serial from its scsi_device; size stays in 512-byte sectors, as sysfs
        // and osquery give it.
        var sda = byName["/dev/sda"];
        Assert.Equal("ATA", sda["vendor"]);
        Assert.Equal("Samsung SSD 860", sda["model"]);
        Assert.Equal("S21HNXAG123456", sda["serial"]);
        Assert.Equal(4096L, sda["block_size"]);
        Assert.Equal(1953525168L, sda["size"]);

        // No udev record for sda1: uuid and label come from the /dev/disk links, the label unescaped.
        var sda1 = byName["/dev/sda1"];
        Assert.Equal("/dev/sda", sda1["parent"]);
        Assert.Equal("Samsung SSD 860", sda1["model"]);
        Assert.Equal("4E1B-2C3D", sda1["uuid"]);
        Assert.Equal("EFI System", sda1["label"]);
        Assert.Equal("", byName["/dev/sda2"]["uuid"]);

        // dm-crypt on sda2: the parent comes from slaves/, the identity from the root disk, the block size its own.
        var dm = byName["/dev/dm-0"];
        Assert.Equal("/dev/sda2", dm["parent"]);
        Assert.Equal("S21HNXAG123456", dm["serial"]);
        Assert.Equal(4096L, dm["block_size"]);
        Assert.Equal(1048576L, dm["size"]);
    }

    [Fact]
    public void Query_NameConstraint_ReturnsOnlyThatDevice()
    {
        var rows = Fixtures.Query("hardware", "select name, parent from block_devices where name = '/dev/sda2'").Rows;
        Assert.Equal([["/dev/sda2", "/dev/sda"]], rows);
    }

    [Fact]
    public void Query_NoSys_IsEmpty()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from block_devices").Rows);
    }
}
