// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response.Tests;

public sealed class AlertFilterTests
{
    [Theory]
    [InlineData("Write below*", true)]
    [InlineData("write BELOW etc", true)]
    [InlineData("Write below ?tc", true)]
    [InlineData("Write below", false)]
    public void Matches_RuleGlob_AnyCase(string glob, bool expected)
    {
        Assert.Equal(expected, new AlertFilter(rules: [glob]).Matches(Alerts.Make()));
    }

    [Theory]
    [InlineData("WARNING", null, "ERROR", true)]
    [InlineData("WARNING", null, "NOTICE", false)]
    [InlineData("DEBUG", "ERROR", "CRITICAL", false)]
    [InlineData("info", "error", "informational", true)]
    [InlineData("WARNING", null, "made-up", false)]
    public void Matches_PriorityRange_FalcoOrder(string? min, string? max, string priority, bool expected)
    {
        Assert.Equal(expected, new AlertFilter(minPriority: min, maxPriority: max).Matches(Alerts.Make(priority: priority)));
    }

    [Fact]
    public void Matches_Tags_AnyOfThem()
    {
        Assert.True(new AlertFilter(tags: ["T1098", "mitre_persistence"]).Matches(Alerts.Make()));
        Assert.False(new AlertFilter(tags: ["network"]).Matches(Alerts.Make()));
        Assert.True(AlertFilter.All.Matches(Alerts.Make(priority: "made-up")));
    }
}
