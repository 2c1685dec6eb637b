// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class CpuTimeTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_OneRowPerCore()
    {
        var rows = TableAssert.SelectStarMatchesSpec("cpu_time").Rows;
        Assert.True(rows.Count >= Environment.ProcessorCount);
    }

    [Fact]
    public void Query_DamagedStat_SkipsAggregateAndBadLines()
    {
        var rows = Fixtures.Query("damaged", "select * from cpu_time order by core").Rows;
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L }, rows[0]);
        Assert.Equal(new object?[] { 1L, 11L, 12L, 13L, null, null, null, null, null, null, null }, rows[1]);
    }
}
