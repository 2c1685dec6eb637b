// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class UptimeTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("uptime").Rows());
        Assert.True((long)row["total_seconds"]! > 0);
    }

    [Fact]
    public void Query_Debian12_SplitsSecondsIntoUnits()
    {
        var raw = File.ReadAllText(Path.Join(Fixtures.Root("debian12"), "proc/uptime")).Split(' ')[0];
        var total = (long)double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
        var row = Assert.Single(Fixtures.Query("debian12", "select days, hours, minutes, seconds, total_seconds from uptime").Rows);
        Assert.Equal(new object?[] { total / 86400, total % 86400 / 3600, total % 3600 / 60, total % 60, total }, row);
    }

    [Fact]
    public void Query_GarbageUptime_GivesNoRowAndNoError()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from uptime").Rows);
    }
}
