// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class MemoryInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("memory_info").Rows());
        Assert.True((long)row["memory_total"]! >= (long)row["memory_free"]!);
    }

    [Fact]
    public void Query_Debian12_ConvertsKilobytesToBytes()
    {
        var lines = File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "proc/meminfo"))
            .Select(l => l.Split(':')).ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024);
        var row = Assert.Single(Fixtures.Query("debian12", "select memory_total, memory_available, cached, swap_total from memory_info").Rows);
        Assert.Equal(new object?[] { lines["MemTotal"], lines["MemAvailable"], lines["Cached"], lines["SwapTotal"] }, row);
    }

    [Fact]
    public void Query_TruncatedMeminfo_LeavesUnreadableValuesNull()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select memory_total, memory_free, buffers, memory_available from memory_info").Rows);
        Assert.Equal(new object?[] { 3970000L * 1024, 1000000L * 1024, null, 2000L }, row);
    }
}
