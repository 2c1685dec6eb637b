// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class CpuInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("cpu_info");
        Assert.Equal((long)Environment.ProcessorCount, result.Rows().Sum(r => (long)r["logical_processors"]!));
    }

    [Fact]
    public void Query_Debian12_OneAmdPackage()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from cpu_info").Rows());
        Assert.Equal("AuthenticAMD", row["manufacturer"]);
        Assert.Equal("AMD EPYC", row["model"]);
        Assert.Equal(2L, row["logical_processors"]);
        Assert.Equal(2596L, row["current_clock_speed"]);
        Assert.Equal("CPU0", row["device_id"]);
    }

    [Fact]
    public void Query_GravitonStyle_ArmImplementerAndNoClock()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select * from cpu_info").Rows());
        Assert.Equal("0x41", row["manufacturer"]);
        Assert.Null(row["current_clock_speed"]);
        Assert.Equal("64", row["address_width"]);
    }

    [Fact]
    public void Query_Debian12_CpuStatusIsPopulatedAndEnabled()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select cpu_status from cpu_info").Rows());

        Assert.Equal(0x41L, row["cpu_status"]);
    }
}
