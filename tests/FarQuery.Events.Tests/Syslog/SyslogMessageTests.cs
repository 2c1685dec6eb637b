// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Events.Syslog;

namespace FarQuery.Events.Tests.Syslog;

/// <summary>Datagrams in the forms glibc's syslog(3), logger(1) and RFC 5424 senders write.</summary>
public sealed class SyslogMessageTests
{
    private static readonly DateTimeOffset Received = new(2026, 8, 4, 9, 30, 0, TimeSpan.Zero);

    private static SyslogMessage Parse(string datagram)
    {
        Assert.True(SyslogMessage.TryParse(Encoding.UTF8.GetBytes(datagram), Received, out var m));
        return m;
    }

    [Fact]
    public void TryParse_GlibcForm_TagPidStrippedNoHost()
    {
        var m = Parse("<30>Aug  4 09:15:02 cron[123]: (root) CMD (run-parts /etc/cron.hourly)");

        Assert.Equal(new SyslogMessage("2026-08-04T09:15:02Z", null, 6, "daemon", "cron", "(root) CMD (run-parts /etc/cron.hourly)"), m);
    }

    [Fact]
    public void TryParse_Rfc3164WithHostname_HostAndTag()
    {
        var m = Parse("<86>Aug 14 23:59:59 web-1 sshd[77]: Accepted publickey for app");

        Assert.Equal("web-1", m.Host);
        Assert.Equal("sshd", m.Tag);
        Assert.Equal("authpriv", m.Facility);
        Assert.Equal(6, m.Severity);
        Assert.Equal("Accepted publickey for app", m.Message);
    }

    [Fact]
    public void TryParse_DateAheadOfTheArrival_IsLastYears()
    {
        Assert.Equal("2025-12-31T23:59:59Z", Parse("<13>Dec 31 23:59:59 app: late").Datetime);
    }

    [Fact]
    public void TryParse_Rfc5424WithStructuredDataAndBom_FieldsAndUtcTime()
    {
        var m = Parse("<165>1 2026-08-04T09:15:03.5+02:00 web-1 nginx 7 ID47 [a b=\"]x\"][c d=\"e\"] \uFEFFGET / 200");

        Assert.Equal(new SyslogMessage("2026-08-04T07:15:03Z", "web-1", 5, "local4", "nginx", "GET / 200"), m);
    }

    [Fact]
    public void TryParse_Rfc5424NilFields_NullHostAndTagArrivalTime()
    {
        var m = Parse("<14>1 - - - - - - just text");

        Assert.Equal(new SyslogMessage("2026-08-04T09:30:00Z", null, 6, "user", null, "just text"), m);
    }

    [Theory]
    [InlineData("no priority at all", "user", 5L)]
    [InlineData("<999>Aug  4 09:15:02 x: y", "user", 5L)]
    [InlineData("<0>kernel says", "kern", 0L)]
    public void TryParse_MissingOrBadPriority_UserNoticeAsDaemonsDo(string datagram, string facility, long severity)
    {
        var m = Parse(datagram);

        Assert.Equal(facility, m.Facility);
        Assert.Equal(severity, m.Severity);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\0")]
    public void TryParse_Empty_IsFalse(string datagram)
    {
        Assert.False(SyslogMessage.TryParse(Encoding.UTF8.GetBytes(datagram), Received, out _));
    }
}
