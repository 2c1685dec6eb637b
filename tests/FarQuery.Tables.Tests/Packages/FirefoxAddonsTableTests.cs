// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class FirefoxAddonsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("firefox_addons", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_AddonsOfRootProfile()
    {
        var rows = Fixtures.Query("debian12", "select * from firefox_addons where uid = 0").Rows();
        Assert.Equal(["uBlock0@raymondhill.net", "default-theme@mozilla.org"], rows.Select(r => (string)r["identifier"]!));
        var ub = rows[0];
        Assert.Equal(("uBlock Origin", "Raymond Hill", "extension", "1.54.0"), ((string)ub["name"]!, (string)ub["creator"]!, (string)ub["type"]!, (string)ub["version"]!));
        Assert.Equal((1L, 1L, 0L, 1L), ((long)ub["visible"]!, (long)ub["active"]!, (long)ub["disabled"]!, (long)ub["autoupdate"]!));
        Assert.Equal("app-profile", ub["location"]);
        Assert.Equal((0L, 1L, ""), ((long)rows[1]["active"]!, (long)rows[1]["disabled"]!, (string)rows[1]["path"]!));
    }

    [Fact]
    public void Query_DamagedExtensionsJson_NoRowsNoError()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from firefox_addons").Rows);
    }
}
