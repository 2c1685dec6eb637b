// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Memory;

namespace FarQuery.Core.Tests.Memory;

public sealed class MemoryAccountTests
{
    [Fact]
    public void TryCharge_WithinLimit_ChargesAndTracksPeak()
    {
        var account = new MemoryAccount("results", () => 100);
        Assert.True(account.TryCharge(60));
        Assert.True(account.TryCharge(40));
        account.Release(70);
        Assert.Equal((30L, 100L, 0L), (account.Used, account.Peak, account.Refused));
    }

    [Fact]
    public void TryCharge_PastLimit_RefusesCountsAndChargesNothing()
    {
        var account = new MemoryAccount("results", () => 100);
        Assert.True(account.TryCharge(90));
        Assert.False(account.TryCharge(11));
        Assert.Equal((90L, 1L), (account.Used, account.Refused));
    }

    [Fact]
    public void TryCharge_LimitLowered_AppliesToTheNextCharge()
    {
        long limit = 100;
        var account = new MemoryAccount("events", () => limit);
        Assert.True(account.TryCharge(50));
        limit = 40;
        Assert.False(account.TryCharge(1));
    }

    [Fact]
    public void TryCharge_ManyThreads_NeverPassesTheLimit()
    {
        var account = new MemoryAccount("results", () => 10_000);
        var granted = 0L;
        Parallel.For(0, 20_000, _ =>
        {
            if (account.TryCharge(3))
            {
                Interlocked.Add(ref granted, 3);
            }
        });
        Assert.Equal(granted, account.Used);
        Assert.True(account.Peak <= 10_000, $"peak {account.Peak}");
        Assert.Equal(9_999L, granted);
    }
}
