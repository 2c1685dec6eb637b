// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class KernelModulesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("kernel_modules", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Fixture_ParsesModulesAndSkipsTruncatedLine()
    {
        using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", "debian12")) });
        var rows = host.Query("select name, size, used_by, status, address from kernel_modules order by name").Rows;
        Assert.Equal(2, rows.Count);
        Assert.Equal(["nf_tables", 348160L, "", "Live", "0xffffffffc0a00000"], rows[0]);
        Assert.Equal(["x_tables", 53248L, "xt_conntrack,nf_tables", "Live", "0xffffffffc09e0000"], rows[1]);
    }

    [Fact]
    public void Query_NoProcModules_IsEmpty()
    {
        using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(Path.Join(RepoPaths.Fixtures, "rootfs", "damaged")) });
        Assert.Empty(host.Query("select * from kernel_modules").Rows);
    }
}
