// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class BlockDevicesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("block_devices").Rows();
        var disks = Directory.Exists("/sys/block") ? Directory.GetFileSystemEntries("/sys/block").Length : 0;
        Assert.True(rows.Count >= disks, $"{rows.Count} rows for {disks} entries of /sys/block");
        Assert.All(rows, r => Assert.StartsWith("/dev/", (string)r["name"]!));
    }

    [Fact]
    public void Query_Fixture_DisksAndPartitionsWithParentSizeAndProbe()
    {
        var rows = Fixtures.Query("hardware", "select * from block_devices order by name").Rows();
        Assert.Equal(["/dev/sda", "/dev/sda1", "/dev/sda2", "/dev/vda", "/dev/vda1"], rows.Select(r => r["name"]));

        var vda = rows[3];
        Assert.Equal("", vda["parent"]);
        Assert.Equal("0x1af4", vda["vendor"]);
        Assert.Equal("overlayblk", vda["serial"]);
        Assert.Equal(536870912L, vda["size"]);
        Assert.Equal(512L, vda["block_size"]);

        var vda1 = rows[4];
        Assert.Equal("/dev/vda", vda1["parent"]);
        Assert.Equal("3b1a5c2e-7f0d-4b8e-9a61-2c4f5e6d7a8b", vda1["uuid"]);
        Assert.Equal("rootfs", vda1["label"]);
        Assert.Equal("ext4", vda1["type"]);

        // A 4Kn disk: sysfs counts 512-byte sectors, the column counts 4096-byte blocks.
        var sda = rows[0];
        Assert.Equal("ATA", sda["vendor"]);
        Assert.Equal("Samsung SSD 860", sda["model"]);
        Assert.Equal(4096L, sda["block_size"]);
        Assert.Equal(1953525168L / 8, sda["size"]);

        // No udev record for sda1: uuid and label come from the /dev/disk links, the label unescaped.
        var sda1 = rows[1];
        Assert.Equal("/dev/sda", sda1["parent"]);
        Assert.Equal("Samsung SSD 860", sda1["model"]);
        Assert.Equal("4E1B-2C3D", sda1["uuid"]);
        Assert.Equal("EFI System", sda1["label"]);
        Assert.Equal("", rows[2]["uuid"]);
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
