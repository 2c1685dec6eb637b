// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response.Tests;

public sealed class AlertTests
{
    [Theory]
    [InlineData("Write below etc", "write_below_etc")]
    [InlineData("Execution from /dev/shm", "execution_from_dev_shm")]
    [InlineData("  Netcat Remote Code Execution in Container!! ", "netcat_remote_code_execution_in_container")]
    [InlineData("***", "unnamed")]
    public void RuleSlug_AnyName_SubjectToken(string rule, string slug)
    {
        Assert.Equal(slug, Alerts.Make(rule: rule).RuleSlug);
    }

    [Fact]
    public void Subject_PrefixPriorityRule_AsTheRoutingConventionHasIt()
    {
        Assert.Equal("farquery.error.write_below_etc", Alerts.Make().Subject("farquery"));
    }
}
