// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Seam;

public sealed class WalkBudgetTests
{
    [Fact]
    public void Take_PastCap_ThrowsWithTableAndLimit()
    {
        var budget = new WalkBudget("file", 3, CancellationToken.None);
        budget.Take(3);
        var e = Assert.Throws<WalkLimitException>(() => budget.Take());
        Assert.Contains("file: the directory walk passed 3 entries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Take_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var budget = new WalkBudget("hash", 10, cts.Token);
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => budget.Take());
    }
}
