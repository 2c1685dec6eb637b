// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class PlatformInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("platform_info").Rows());
        Assert.Contains((string)row["firmware_type"]!, new[] { "uefi", "bios", "unknown" });
    }

    [Fact]
    public void Query_AmazonDmi_ReadsBiosStringsAndUefi()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select vendor, version, date, revision, firmware_type from platform_info").Rows);
        Assert.Equal(new object?[] { "Amazon EC2", "1.0", "10/16/2017", "1.0", "uefi" }, row);
    }

    [Fact]
    public void Query_NoSysfs_GivesAnEmptyBestEffortRow()
    {
        var row = Assert.Single(Fixtures.Query("alpine", "select vendor, firmware_type from platform_info").Rows);
        Assert.Equal(new object?[] { "", "unknown" }, row);
    }
}
