// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class DiskEncryptionTableTests
{
    [Fact]
    public void SelectStar_Crypt_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("disk_encryption", context: Fixtures.Context("crypt"));
    }

    [Fact]
    public void Query_Fixture_DmCryptDeviceIsEncrypted()
    {
        var context = new TableContext { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", "crypt")) };
        using var host = TableAssert.Host(context);
        var rows = host.Query("select name, encrypted, type, uuid, encryption_status from disk_encryption order by name").Rows;
        Assert.Equal(["/dev/dm-0", 1L, "luks2", "3f2d0c4be2c84f7a9a1f6f6c1b0e5d11", "encrypted"], rows[0]);
        Assert.Equal(["/dev/vda", 0L, "", "", "not encrypted"], rows[1]);
        Assert.Single(host.Query("select * from disk_encryption where name = '/dev/vda'").Rows);
    }

    [Fact]
    public void Query_NoSysBlock_IsEmpty()
    {
        var context = new TableContext { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", "damaged")) };
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from disk_encryption").Rows);
    }
}
