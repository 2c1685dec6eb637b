// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("osquery_info").Rows());
        Assert.Equal((long)Environment.ProcessId, row["pid"]);
        Assert.Equal("farquery", row["name"]);
    }

    [Fact]
    public void Query_AgentInfo_IsReportedUnderOsqueryColumns()
    {
        var context = new TableContext { Agent = new AgentInfo { Version = "1.2.3", StartTime = 1700000000, InstanceId = "inst-1", ConfigHash = "abc" } };
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select version, start_time, instance_id, config_hash, config_valid, build_platform, platform_mask, watcher, name from osquery_info").Rows);
        Assert.Equal(new object?[] { "1.2.3", 1700000000L, "inst-1", "abc", 1L, "linux", 9L, -1L, "farquery" }, row);
    }
}
