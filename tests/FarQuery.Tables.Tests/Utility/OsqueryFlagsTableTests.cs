// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryFlagsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("osquery_flags");
    }

    [Fact]
    public void Query_FleetDetailQuery_FourIntegerValues()
    {
        using var host = TableAssert.Host();
        var rows = host.Query("select name, value from osquery_flags where name in (\"distributed_interval\",\"config_tls_refresh\",\"config_refresh\",\"logger_tls_period\")").Rows();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.True(long.TryParse((string)r["value"]!, out _)));
    }

    [Fact]
    public void Query_ConfiguredOptions_OverrideDefaults()
    {
        var context = new TableContext();
        context.Services.Set(new OsqueryFlagValues(new Dictionary<string, string> { ["distributed_interval"] = "10" }));
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select value, default_value from osquery_flags where name = 'distributed_interval'").Rows());
        Assert.Equal(("10", "60"), ((string)row["value"]!, (string)row["default_value"]!));
    }
}
