// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Scheduler;

public sealed class OsqueryPacksTableTests
{
    [Fact]
    public void SelectStar_NoScheduler_IsEmptyWithSpecColumns()
    {
        TableAssert.SelectStarMatchesSpec("osquery_packs", expect: Expect.NoRows);
    }

    [Fact]
    public void Query_PackState_ShowsActiveAndDiscovery()
    {
        var context = new TableContext();
        var state = new ScheduleState();
        state.Reset([], [new PackStats { Name = "incident-response", Platform = "linux", Shard = 0, DiscoveryExecutions = 2, Active = true }]);
        context.Services.Set(state);
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("osquery_packs", null, context).Rows);
        Assert.Equal("incident-response", row[0]);
        Assert.Equal(2L, row[5]);
        Assert.Equal(1L, row[6]);
    }
}
