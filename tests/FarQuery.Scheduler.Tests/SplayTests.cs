// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Scheduling;

namespace FarQuery.Scheduler.Tests;

public sealed class SplayTests
{
    [Fact]
    public void Apply_TenPercent_StaysWithinBoundsAndVaries()
    {
        var values = Enumerable.Range(0, 200).Select(i => Splay.Apply("q" + i, 3600, 10)).ToList();
        Assert.All(values, v => Assert.InRange(v, 3240, 3960));
        Assert.True(values.Distinct().Count() > 50);
    }

    [Fact]
    public void Apply_SameName_IsStable()
    {
        Assert.Equal(Splay.Apply("pack_x_y", 600, 10), Splay.Apply("pack_x_y", 600, 10));
    }

    [Theory]
    [InlineData(1, 10, 1)]
    [InlineData(5, 10, 5)]
    [InlineData(3600, 0, 3600)]
    [InlineData(3600, 101, 3600)]
    public void Apply_ShortIntervalOrNoSplay_Unchanged(long interval, long percent, long expected)
    {
        Assert.Equal(expected, Splay.Apply("q", interval, percent));
    }
}
