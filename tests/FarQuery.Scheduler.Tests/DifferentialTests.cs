// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;
using FarQuery.Scheduler.Scheduling;

namespace FarQuery.Scheduler.Tests;

public sealed class DifferentialTests
{
    private static List<LogRow> Rows(params string[] values) => [.. values.Select(v => new LogRow(["v"], [v]))];

    [Fact]
    public void Update_FirstRun_LogsAllAddedWithCounterZero()
    {
        var d = new Differential();
        var (added, removed, counter, log) = d.Update(Rows("a", "b"), 0, eventBased: false);
        Assert.True(log);
        Assert.Equal(2, added.Count);
        Assert.Empty(removed);
        Assert.Equal(0, counter);
    }

    [Fact]
    public void Update_LaterRuns_LogOnlyChangesAndCount()
    {
        var d = new Differential();
        d.Update(Rows("a", "b"), 0, false);
        var (added, removed, counter, log) = d.Update(Rows("b", "c"), 0, false);
        Assert.True(log);
        Assert.Equal("c", Assert.Single(added)["v"]);
        Assert.Equal("a", Assert.Single(removed)["v"]);
        Assert.Equal(1, counter);

        var same = d.Update(Rows("c", "b"), 0, false);
        Assert.False(same.Log);
        Assert.Equal(1, same.Counter);

        Assert.Equal(2, d.Update(Rows("b"), 0, false).Counter);
    }

    [Fact]
    public void Update_NewEpoch_StartsOver()
    {
        var d = new Differential();
        d.Update(Rows("a"), 0, false);
        d.Update(Rows("a", "b"), 0, false);
        var (added, _, counter, log) = d.Update(Rows("a", "b"), 1, false);
        Assert.True(log);
        Assert.Equal(2, added.Count);
        Assert.Equal(0, counter);
    }

    [Fact]
    public void Update_EventBased_AllAddedCounterFromOneNothingWhenEmpty()
    {
        var d = new Differential();
        var first = d.Update(Rows("e1"), 0, eventBased: true);
        Assert.Equal(1, first.Counter);
        Assert.True(first.Log);
        var empty = d.Update([], 0, eventBased: true);
        Assert.False(empty.Log);
        var again = d.Update(Rows("e1"), 0, eventBased: true);
        Assert.Equal("e1", Assert.Single(again.Added)["v"]);
        Assert.Equal(2, again.Counter);
    }
}
