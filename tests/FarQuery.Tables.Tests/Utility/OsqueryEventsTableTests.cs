// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryEventsTableTests
{
    private static readonly TableSchema EventSchema = new(
        "demo_events",
        "test events",
        [
            new ColumnSchema("value", ColumnType.Text, ColumnOptions.None, "payload"),
            new ColumnSchema("time", ColumnType.BigInt, ColumnOptions.Additional, "event time"),
            new ColumnSchema("eid", ColumnType.Text, ColumnOptions.Hidden, "event id"),
        ],
        isEventTable: true);

    [Fact]
    public void SelectStar_OnePublisher_RowsMatchSpec()
    {
        var context = new TableContext();
        context.Events.SetPublisher(new PublisherStatus("demo", Active: true, "watching"));
        TableAssert.SelectStarMatchesSpec("osquery_events", context: context);
    }

    [Fact]
    public void Query_FullBufferAndPublisherLoss_EveryDropIsCounted()
    {
        var context = new TableContext();
        var buffer = context.Events.Buffer(EventSchema, "demo");
        buffer.Capacity = 3;
        for (var i = 0; i < 5; i++)
        {
            buffer.Add([$"v{i}", null, null]);
        }

        buffer.CountDrop();
        context.Events.SetPublisher(new PublisherStatus("demo", Active: true, "watching", Dropped: 7));
        context.Events.SetPublisher(new PublisherStatus("idle", Active: false, "not configured"));

        using var host = TableAssert.Host(context);
        var rows = host.Query("select name, publisher, type, subscriptions, events, active, buffered, dropped, expired, message from osquery_events order by type, name").Rows;
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { "demo", "demo", "publisher", 1L, 5L, 1L, 3L, 7L, 0L, "watching" }, rows[0]);
        Assert.Equal(new object?[] { "idle", "idle", "publisher", 0L, 0L, 0L, 0L, 0L, 0L, "not configured" }, rows[1]);
        Assert.Equal("demo_events", rows[2][0]);
        Assert.Equal("subscriber", rows[2][2]);
        Assert.Equal(5L, rows[2][4]);
        Assert.Equal(3L, rows[2][6]);
        Assert.Equal(3L, rows[2][7]);
    }
}
