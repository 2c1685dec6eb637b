// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class LoadAverageTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_ThreePeriods()
    {
        var rows = TableAssert.SelectStarMatchesSpec("load_average").Rows;
        Assert.Equal(["1m", "5m", "15m"], rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Query_Debian12_FormatsLikeOsquery()
    {
        var first = File.ReadAllText(Path.Join(Fixtures.Root("debian12"), "proc/loadavg")).Split(' ')[0];
        var row = Fixtures.Query("debian12", "select average from load_average where period = '1m'").Rows[0];
        Assert.Equal(double.Parse(first, System.Globalization.CultureInfo.InvariantCulture).ToString("F6", System.Globalization.CultureInfo.InvariantCulture), row[0]);
    }

    [Fact]
    public void Query_TruncatedLoadavg_ReturnsWhatWasRead()
    {
        var rows = Fixtures.Query("damaged", "select period, average from load_average").Rows.Select(r => $"{r[0]}={r[1]}");
        Assert.Equal(["1m=0.520000", "5m=0.300000"], rows);
    }
}
