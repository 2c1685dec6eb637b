// SPDX-License-Identifier: Apache-2.0
using FarQuery.Agent;
using FarQuery.Core.Flags;

namespace FarQuery.Cli.Tests.Agent;

/// <summary>The exit bound from <c>--exit_timeout_ms</c>: 1 s by default, kept within 100 ms and 120 s, and the drain's
/// share of it.</summary>
public sealed class AgentRuntimeExitBoundTests
{
    [Theory]
    [InlineData(null, 1000)]
    [InlineData("5000", 5000)]
    [InlineData("10", 100)]
    [InlineData("0", 100)]
    [InlineData("999999", 120_000)]
    public void ExitBoundFrom_Flag_IsTheFlagKeptWithinItsRange(string? value, int expectedMs)
    {
        var flags = value is null
            ? FlagValues.Defaults
            : FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [FlagCatalog.ExitTimeoutMs] = value });

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), AgentRuntime.ExitBoundFrom(flags));
    }

    [Fact]
    public void DrainBudgetWithin_DefaultBound_IsHalfOfIt()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), AgentRuntime.DrainBudgetWithin(AgentRuntime.ExitBoundFrom(FlagValues.Defaults)));
    }
}
