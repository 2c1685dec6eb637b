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
        var row = Assert.Single(host.Query("select version, start_time, instance_id, config_hash, config_valid, build_platform, platform_mask, watcher, name, farquery_version from osquery_info").Rows);
        Assert.Equal(new object?[] { AgentInfo.OsqueryVersion, 1700000000L, "inst-1", "abc", 1L, "linux", 9L, -1L, "farquery", "1.2.3" }, row);
    }

    [Fact]
    public void Query_BackendVersionGate_SeesAnOsquery5Agent()
    {
        // Backends gate detail queries on osquery_info.version (Fleet asks for 5.x features): the version collation
        // compares it as osquery does, and FarQuery's own version, whatever it is, does not take part.
        var context = new TableContext { Agent = new AgentInfo { Version = "0.3.0" } };
        using var host = TableAssert.Host(context);
        var rows = host.Query("select version, farquery_version from osquery_info where version >= '5.0.0' collate version and version < '6' collate version").Rows;
        var row = Assert.Single(rows);
        Assert.Equal("0.3.0", row[1]);
        Assert.Matches(@"^5\.\d+\.\d+$", (string)row[0]!);
    }
}
