// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Response.Tests;

public sealed class AlertJsonTests
{
    [Fact]
    public void Generic_Alert_RuleProcessAndTask()
    {
        using var doc = JsonDocument.Parse(AlertJson.Generic(Alerts.Make()));
        var r = doc.RootElement;
        Assert.Equal("Write below etc", r.GetProperty("rule").GetString());
        Assert.Equal("ERROR", r.GetProperty("priority").GetString());
        Assert.Equal("alerted", r.GetProperty("action").GetString());
        Assert.Equal("4242", r.GetProperty("fields").GetProperty("pid").GetString());
        Assert.Equal("prod", r.GetProperty("task").GetProperty("cluster").GetString());
        Assert.Equal(3, r.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public void Slack_Alert_TextAndBlocksEscaped()
    {
        using var doc = JsonDocument.Parse(AlertJson.Slack(Alerts.Make(name: "a<b>&c")));
        var r = doc.RootElement;
        Assert.StartsWith("[ERROR] Write below etc:", r.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = r.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        var process = blocks[1].GetProperty("fields")[0].GetProperty("text").GetString();
        Assert.Contains("a&lt;b&gt;&amp;c", process, StringComparison.Ordinal);
    }
}
