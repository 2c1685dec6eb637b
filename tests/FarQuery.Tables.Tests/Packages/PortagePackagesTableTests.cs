// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class PortagePackagesTableTests
{
    [Fact]
    public void SelectStar_Gentoo_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("portage_packages", context: Fixtures.Context("gentoo"));
    }

    [Fact]
    public void Query_Gentoo_ReadsVdbEntriesAndWorld()
    {
        var rows = Fixtures.Query("gentoo", "select * from portage_packages order by package").Rows();
        Assert.Equal(["app-misc/ca-certificates", "sys-libs/glibc"], rows.Select(r => (string)r["package"]!));
        Assert.Equal(("20230311.3.96.1", 1L, (object?)null), ((string)rows[0]["version"]!, (long)rows[0]["world"]!, rows[0]["build_time"]));
        Assert.Equal(("2.38-r10", "2.2", 1701234567L, "gentoo", 8L, 52428800L, 0L),
            ((string)rows[1]["version"]!, (string)rows[1]["slot"]!, (long)rows[1]["build_time"]!, (string)rows[1]["repository"]!, (long)rows[1]["eapi"]!, (long)rows[1]["size"]!, (long)rows[1]["world"]!));
    }
}
