// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response.Tests;

public sealed class AlertParserTests
{
    [Fact]
    public void Parse_EventFormatLine_OneAlertWithRowAndTask()
    {
        const string line = """{"name":"pack_farquery-detections_write_below_etc","hostIdentifier":"task-1","calendarTime":"x","unixTime":1700000000,"epoch":0,"counter":1,"numerics":false,"decorations":{"task_arn":"arn:t"},"columns":{"rule":"Write below etc","priority":"ERROR","tags":"container,filesystem","pid":"42","name":"touch"},"action":"added"}""";
        var a = Assert.Single(AlertParser.Parse(line));
        Assert.Equal(("Write below etc", "ERROR", 1_700_000_000L, "task-1"), (a.Rule, a.Priority, a.UnixTime, a.HostIdentifier));
        Assert.Equal(["container", "filesystem"], a.Tags);
        Assert.Equal(42, a.Pid);
        Assert.Equal("arn:t", a.Decorations["task_arn"]);
    }

    [Fact]
    public void Parse_SnapshotAndBatch_EveryAddedRow()
    {
        const string snapshot = """{"name":"q","unixTime":"5","snapshot":[{"rule":"A","priority":"notice"},{"rule":"B","priority":"ERROR"},{"other":"row"}],"action":"snapshot"}""";
        Assert.Equal(["A", "B"], AlertParser.Parse(snapshot).Select(a => a.Rule));
        Assert.Equal("NOTICE", AlertParser.Parse(snapshot)[0].Priority);
        const string batch = """{"name":"q","diffResults":{"removed":[{"rule":"Old","priority":"ERROR"}],"added":[{"rule":"New","priority":"ERROR"}]}}""";
        Assert.Equal("New", Assert.Single(AlertParser.Parse(batch)).Rule);
    }

    [Theory]
    [InlineData("""{"name":"q","columns":{"rule":"A","priority":"ERROR"},"action":"removed"}""")]
    [InlineData("""{"name":"q","columns":{"pid":"1","name":"sh"},"action":"added"}""")]
    [InlineData("""{"name":"q","columns":{"rule":"","priority":"ERROR"}}""")]
    [InlineData("""not json but has "rule" in it""")]
    [InlineData("""["rule"]""")]
    public void Parse_NotAnAlert_Nothing(string line)
    {
        Assert.Empty(AlertParser.Parse(line));
    }
}
