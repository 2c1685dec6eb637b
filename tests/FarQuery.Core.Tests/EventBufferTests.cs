// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Memory;

namespace FarQuery.Core.Tests;

public sealed class EventBufferTests
{
    private static readonly TableSchema Spec = new("demo_events", "test event table", [
        new ColumnSchema("what", ColumnType.Text, ColumnOptions.None, "what"),
        new ColumnSchema("time", ColumnType.BigInt, ColumnOptions.Additional, "time"),
        new ColumnSchema("eid", ColumnType.Text, ColumnOptions.Hidden, "eid"),
    ], isEventTable: true);

    private static object?[] Row(string what) => [what, null, null];

    [Fact]
    public void Add_PastCapacity_EvictsOldestAndCounts()
    {
        var buffer = new EventBuffer(Spec, "test", capacity: 2);
        buffer.Add(Row("a"));
        buffer.Add(Row("b"));
        buffer.Add(Row("c"));
        Assert.Equal(["b", "c"], buffer.Snapshot().Select(r => (string)r[0]!));
        Assert.Equal((3L, 1L), (buffer.Added, buffer.Dropped));
    }

    [Fact]
    public void Add_PastMemoryShare_EvictsOldestAndReleasesTheirBytes()
    {
        // What one row is charged: its text, the stamped time and the ten-digit eid.
        var rowBytes = MemoryBudget.SizeOf(new object?[] { new string('x', 100), 0L, "0000000001" });
        var account = new MemoryAccount("events", () => 3 * rowBytes + 10);
        var buffer = new EventBuffer(Spec, "test", account: account);
        for (var i = 0; i < 10; i++)
        {
            buffer.Add(Row(new string((char)('a' + i), 100)));
        }

        // Only three rows of this size fit: the seven oldest were evicted and counted, and the share holds the three kept.
        Assert.Equal(3, buffer.Count);
        Assert.Equal(7L, buffer.Dropped);
        Assert.Equal(3 * rowBytes, account.Used);
        Assert.Equal("j", ((string)buffer.Snapshot()[^1][0]!)[..1]);
    }

    [Fact]
    public void Add_RowLargerThanTheShare_IsDroppedAndCounted()
    {
        var account = new MemoryAccount("events", () => 1000);
        var buffer = new EventBuffer(Spec, "test", account: account);
        buffer.Add(Row(new string('x', 2000)));
        Assert.Equal((0, 1L, 0L), (buffer.Count, buffer.Dropped, account.Used));
    }

    [Fact]
    public void Expiry_ReleasesTheRowsBytes()
    {
        var clock = new ManualClock();
        var account = new MemoryAccount("events", () => 1 << 20);
        var buffer = new EventBuffer(Spec, "test", expiry: TimeSpan.FromSeconds(10), time: clock, account: account);
        buffer.Add(Row("old"));
        Assert.True(account.Used > 0);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(buffer.Snapshot());
        Assert.Equal((0L, 1L), (account.Used, buffer.Expired));
    }

    [Fact]
    public void Snapshot_AfterAnEid_ReturnsTheLaterRowsInOrderAcrossEvictionsAndGrowth()
    {
        // Capacity 40 with 100 rows: the ring grows past its first size and wraps once the oldest are evicted.
        var buffer = new EventBuffer(Spec, "test", capacity: 40);
        for (var i = 1; i <= 100; i++)
        {
            buffer.Add(Row("r" + i));
        }

        Assert.Equal(Enumerable.Range(61, 40).Select(i => "r" + i), buffer.Snapshot().Select(r => (string)r[0]!));
        Assert.Equal(Enumerable.Range(91, 10).Select(i => "r" + i), buffer.Snapshot(afterEid: 90).Select(r => (string)r[0]!));
        Assert.Equal(Enumerable.Range(61, 40).Select(i => "r" + i), buffer.Snapshot(afterEid: 10).Select(r => (string)r[0]!));
        Assert.Empty(buffer.Snapshot(afterEid: 100));
        Assert.Equal("0000000100", buffer.Snapshot(afterEid: 99)[0][2]);
    }

    [Fact]
    public void Add_RowsWithEqualValues_KeepOneInstanceOfEach()
    {
        var buffer = new EventBuffer(Spec, "test", time: new ManualClock());

        // Built apart, as a publisher builds each row: equal text, equal stamped time, distinct instances.
        buffer.Add(Row(new string('/', 1) + "srv"));
        buffer.Add(Row("/s" + new string('r', 1) + "v"));
        var rows = buffer.Snapshot();
        Assert.Equal("/srv", rows[1][0]);
        Assert.Same(rows[0][0], rows[1][0]);
        Assert.Same(rows[0][1], rows[1][1]);
        Assert.NotEqual(rows[0][2], rows[1][2]);
    }

    [Fact]
    public void Snapshot_TimeRange_KeepsOnlyRowsInsideIt()
    {
        var clock = new ManualClock();
        var buffer = new EventBuffer(Spec, "test", time: clock);
        var start = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var what in new[] { "a", "b", "c" })
        {
            buffer.Add(Row(what));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(["b"], buffer.Snapshot(minTime: start + 1, maxTime: start + 5).Select(r => (string)r[0]!));
        Assert.Equal(["c"], buffer.Snapshot(afterEid: 1, minTime: start + 6).Select(r => (string)r[0]!));
    }

    [Fact]
    public void Registry_BuffersOfAContext_ShareItsBudgetsEventAccount()
    {
        var context = new TableContext { Budget = new MemoryBudget(16L << 20, "test") };
        context.Events.Buffer(Spec, "test").Add(Row("a"));
        Assert.True(context.Budget.Events.Used > 0);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    [Fact]
    public void Read_TextEqualityConstraints_KeepMatchingRowsAndRowsWithoutText()
    {
        var buffer = new EventBuffer(Spec, "test", time: new ManualClock());
        buffer.Add(Row("open"));
        buffer.Add(Row("unlink"));
        buffer.Add([null, null, null]);
        buffer.Add(Row("open"));

        // what = 'open': the other text is dropped; a NULL is kept for SQLite to judge (it drops it, as it does any row).
        var query = new QueryContext([new Constraint(0, ConstraintOp.Equals, ["open"])], ulong.MaxValue);
        Assert.Equal(["open", null, "open"], buffer.Read(query).Select(r => (string?)r[0]));

        // A value that is not text, or another operator, filters nothing.
        Assert.Equal(4, buffer.Read(new QueryContext([new Constraint(0, ConstraintOp.Equals, [3L])], ulong.MaxValue)).Count);
        Assert.Equal(4, buffer.Read(new QueryContext([new Constraint(0, ConstraintOp.GreaterThan, ["open"])], ulong.MaxValue)).Count);
    }

    [Fact]
    public void Read_TextInList_KeepsRowsHoldingAnyOfItsTexts()
    {
        var buffer = new EventBuffer(Spec, "test", time: new ManualClock());
        foreach (var what in (string[])["open", "unlink", "openat", "rename"])
        {
            buffer.Add(Row(what));
        }

        var query = new QueryContext([new Constraint(0, ConstraintOp.Equals, ["open", "openat", "open"])], ulong.MaxValue);
        Assert.Equal(["open", "openat"], buffer.Read(query).Select(r => (string?)r[0]));

        // An empty list matches no text; a list holding a number is left to SQLite's affinity rules.
        Assert.Empty(buffer.Read(new QueryContext([new Constraint(0, ConstraintOp.Equals, [])], ulong.MaxValue)));
        Assert.Equal(4, buffer.Read(new QueryContext([new Constraint(0, ConstraintOp.Equals, ["open", 1L])], ulong.MaxValue)).Count);
    }
}
