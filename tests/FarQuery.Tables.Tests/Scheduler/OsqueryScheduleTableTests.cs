// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Scheduler;

public sealed class OsqueryScheduleTableTests
{
    [Fact]
    public void SelectStar_NoScheduler_IsEmptyWithSpecColumns()
    {
        TableAssert.SelectStarMatchesSpec("osquery_schedule", expect: Expect.NoRows);
    }

    [Fact]
    public void Query_ScheduleState_ShowsCountersAndAlias()
    {
        var context = new TableContext();
        var state = new ScheduleState();
        state.Reset([new ScheduledQueryStats { Name = "pack_x_q", Pack = "x", Query = "select 1", Interval = 60, Executions = 3, WallTimeMs = 2500, Denylisted = true }], []);
        context.Services.Set(state);
        var result = TableAssert.SelectStarMatchesSpec("osquery_schedule", "select name, interval, executions, wall_time, wall_time_ms, denylisted, blacklisted, pack from osquery_schedule", context);
        var row = Assert.Single(result.Rows);
        Assert.Equal(["pack_x_q", 60L, 3L, 2L, 2500L, 1L, 1L, "x"], row);
    }
}
