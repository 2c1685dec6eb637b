// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class TimeTableTests
{
    /// <summary>A clock stopped at one instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("time").Rows());
        Assert.InRange((long)row["unix_time"]!, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    [Fact]
    public void Query_FixedClock_FormatsEveryColumn()
    {
        var context = new TableContext { Time = new FixedClock(new DateTimeOffset(2026, 3, 5, 7, 8, 9, TimeSpan.Zero)) };
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select weekday, year, month, day, hour, minutes, seconds, timezone, local_timezone, unix_time, timestamp, datetime, iso_8601, date_time from time").Rows);
        Assert.Equal(new object?[]
        {
            "Thursday", 2026L, 3L, 5L, 7L, 8L, 9L, "UTC", "UTC", 1772694489L, "Thu Mar  5 07:08:09 2026 UTC",
            "2026-03-05T07:08:09Z", "2026-03-05T07:08:09Z", "2026-03-05T07:08:09Z",
        }, row);
    }
}
