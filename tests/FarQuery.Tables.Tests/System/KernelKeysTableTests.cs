// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

/// <summary>The ipc fixture's /proc/keys was copied from the build machine (the keyrings visible to root).</summary>
public sealed class KernelKeysTableTests
{
    [Fact]
    public void SelectStar_Ipc_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("kernel_keys", context: Fixtures.Context("ipc")).Rows();
        Assert.Equal(File.ReadAllLines(Path.Join(Fixtures.Root("ipc"), "proc/keys")).Length, rows.Count);
    }

    [Fact]
    public void Query_SessionKeyring_EveryField()
    {
        var row = Assert.Single(Fixtures.Query("ipc", "select * from kernel_keys where serial_number = '07fa5f75'").Rows());
        Assert.Equal("I--Q---", row["flags"]);
        Assert.Equal(1L, row["usage"]);
        Assert.Equal("perm", row["timeout"]);
        Assert.Equal("1f3f0000", row["permissions"]);
        Assert.Equal(0L, row["uid"]);
        Assert.Equal(65534L, row["gid"]);
        Assert.Equal("keyring", row["type"]);
        Assert.Equal("_uid_ses.0: 1", row["description"]);
    }

    [Fact]
    public void Parse_DescriptionWithSpacesAndShortLine_KeptAndSkipped()
    {
        var keys = ProcKey.Parse("3c1a8a5e I--Q---     1   5d 3f010000  1000  1000 user      my key: 12\n0000 I 1\n"u8);
        var k = Assert.Single(keys);
        Assert.Equal(("5d", "user", "my key: 12", 1000L), (k.Timeout, k.Type, k.Description, k.Uid));
    }
}
