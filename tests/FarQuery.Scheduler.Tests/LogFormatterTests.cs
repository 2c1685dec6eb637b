// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Tests;

public sealed class LogFormatterTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1412098650);
    private static readonly Dictionary<string, string> Decorations = new() { ["host_uuid"] = "abc" };

    [Fact]
    public void CalendarTime_SingleDigitDay_IsSpacePaddedAsctime()
    {
        Assert.Equal("Mon May  2 22:27:32 2016 UTC", LogFormatter.CalendarTime(DateTimeOffset.FromUnixTimeSeconds(1462228052)));
        Assert.Equal("Tue Sep 30 17:37:30 2014 UTC", LogFormatter.CalendarTime(Time));
    }

    [Fact]
    public void EventLines_DifferentialRow_MatchesOsqueryEventFormat()
    {
        var f = new LogFormatter("host1");
        var row = new LogRow(["path", "command"], ["/etc/crontab", "/bin/true"]);
        var line = Assert.Single(f.EventLines(new ResultHeader("pack_incident-response_crontab", Time, 0, 1, Decorations), [row], []));
        Assert.Equal(
            """{"name":"pack_incident-response_crontab","hostIdentifier":"host1","calendarTime":"Tue Sep 30 17:37:30 2014 UTC","unixTime":1412098650,"epoch":0,"counter":1,"numerics":false,"decorations":{"host_uuid":"abc"},"columns":{"command":"/bin/true","path":"/etc/crontab"},"action":"added"}""",
            line);
    }

    [Fact]
    public void EventLines_RemovedBeforeAdded_AndNoDecorationsKeyWhenEmpty()
    {
        var f = new LogFormatter("h");
        var lines = f.EventLines(new ResultHeader("q", Time, 0, 2, new Dictionary<string, string>()), [new LogRow(["a"], ["1"])], [new LogRow(["a"], ["0"])]).ToList();
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("\"action\":\"removed\"}", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("decorations", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void BatchLine_DiffResults_MatchesOsqueryBatchFormat()
    {
        var f = new LogFormatter("host1");
        var line = f.BatchLine(new ResultHeader("processes", Time, 0, 1, new Dictionary<string, string>()), [new LogRow(["pid"], [1L])], [new LogRow(["pid"], [2L])]);
        Assert.Equal(
            """{"diffResults":{"removed":[{"pid":"2"}],"added":[{"pid":"1"}]},"name":"processes","hostIdentifier":"host1","calendarTime":"Tue Sep 30 17:37:30 2014 UTC","unixTime":1412098650,"epoch":0,"counter":1,"numerics":false}""",
            line);
    }

    [Fact]
    public void SnapshotLine_Rows_MatchesOsquerySnapshotFormat()
    {
        var f = new LogFormatter("host1");
        var line = f.SnapshotLine(new ResultHeader("process_snapshot", Time, 0, 0, new Dictionary<string, string>()), [new LogRow(["pid", "path"], [1L, "/sbin/init"])]);
        Assert.Equal(
            """{"snapshot":[{"path":"/sbin/init","pid":"1"}],"action":"snapshot","name":"process_snapshot","hostIdentifier":"host1","calendarTime":"Tue Sep 30 17:37:30 2014 UTC","unixTime":1412098650,"epoch":0,"counter":0,"numerics":false}""",
            line);
    }

    [Fact]
    public void EventLines_Numerics_WritesIntegersAndNullAsEmpty()
    {
        var f = new LogFormatter("h", numerics: true);
        var line = Assert.Single(f.EventLines(new ResultHeader("q", Time, 0, 1, new Dictionary<string, string>()), [new LogRow(["n", "s", "z"], [5L, "x", null])], []));
        Assert.Contains("\"columns\":{\"n\":5,\"s\":\"x\",\"z\":\"\"}", line, StringComparison.Ordinal);
        Assert.Contains("\"numerics\":true", line, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusLine_Fields_InOsqueryOrder()
    {
        var f = new LogFormatter("h");
        Assert.Equal(
            """{"hostIdentifier":"h","calendarTime":"Tue Sep 30 17:37:30 2014 UTC","unixTime":1412098650,"severity":1,"filename":"scheduler.cpp","line":83,"message":"m","version":"0.1.0"}""",
            f.StatusLine(Time, 1, "scheduler.cpp", 83, "m", "0.1.0", new Dictionary<string, string>()));
    }
}
