// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;

namespace FarQuery.Events.Syslog;

/// <summary>One syslog message, the <c>syslog_events</c> fields (docs/events.md, "Syslog"). Parsed from a datagram in
/// either RFC 5424 form (<c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID SD MSG</c>) or the BSD form of RFC 3164 that
/// glibc's syslog(3) writes to /dev/log (<c>&lt;PRI&gt;Mmm dd hh:mm:ss [HOST] TAG[PID]: MSG</c>, usually without the
/// host).</summary>
/// <param name="Datetime">The message's time in ISO 8601 UTC; the arrival time when it has none.</param>
/// <param name="Host">The message's hostname, or null.</param>
/// <param name="Severity">PRI &amp; 7.</param>
/// <param name="Facility">The facility's name, as rsyslog prints it.</param>
/// <param name="Tag">The program tag (RFC 3164 TAG without the pid, RFC 5424 APP-NAME), or null.</param>
/// <param name="Message">The free-form message.</param>
public sealed record SyslogMessage(string Datetime, string? Host, long Severity, string Facility, string? Tag, string Message)
{
    /// <summary>The largest datagram read whole; a longer one is cut there.</summary>
    public const int MaxDatagram = 64 * 1024;

    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp",
        "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses one datagram received at <paramref name="received"/>. A datagram without a valid
    /// <c>&lt;PRI&gt;</c> is taken as a user.notice message, as syslog daemons do; false only for an empty one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, DateTimeOffset received, out SyslogMessage message)
    {
        message = null!;
        datagram = datagram.TrimEnd("\n\0"u8);
        if (datagram.IsEmpty)
        {
            return false;
        }

        var pri = 13L;
        if (datagram[0] == (byte)'<')
        {
            var close = datagram.IndexOf((byte)'>');
            if (close is > 1 and <= 4 && Utf8Parser.TryParse(datagram[1..close], out long p, out var used) && used == close - 1 && p is >= 0 and < 192)
            {
                pri = p;
                datagram = datagram[(close + 1)..];
            }
        }

        var facility = Facilities[pri >> 3];
        var severity = pri & 7;
        message = datagram.StartsWith("1 "u8)
            ? Rfc5424(datagram[2..], received, severity, facility)
            : Rfc3164(datagram, received, severity, facility);
        return true;
    }

    private static SyslogMessage Rfc5424(ReadOnlySpan<byte> rest, DateTimeOffset received, long severity, string facility)
    {
        var time = Field(ref rest);
        var host = Field(ref rest);
        var app = Field(ref rest);
        Field(ref rest); // PROCID
        Field(ref rest); // MSGID
        SkipStructuredData(ref rest);

        // A UTF-8 message may start with a byte order mark (RFC 5424 §6.4).
        var msg = rest.StartsWith("\uFEFF"u8) ? rest[3..] : rest;
        var datetime = time is not null && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : received;
        return new SyslogMessage(Iso(datetime), host, severity, facility, app, Encoding.UTF8.GetString(msg));
    }

    /// <summary>One space-separated header field; null for the nil value <c>-</c>.</summary>
    private static string? Field(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)' ');
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        return field.SequenceEqual("-"u8) || field.IsEmpty ? null : Encoding.UTF8.GetString(field);
    }

    /// <summary>Skips <c>-</c> or a run of <c>[id param="value"...]</c> elements (values may hold escaped <c>]</c>).</summary>
    private static void SkipStructuredData(ref ReadOnlySpan<byte> rest)
    {
        if (rest.StartsWith("-"u8))
        {
            rest = rest.Length > 1 ? rest[2..] : default;
            return;
        }

        var i = 0;
        while (i < rest.Length && rest[i] == (byte)'[')
        {
            var quoted = false;
            for (i++; i < rest.Length; i++)
            {
                if (quoted && rest[i] == (byte)'\\')
                {
                    i++;
                }
                else if (rest[i] == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && rest[i] == (byte)']')
                {
                    i++;
                    break;
                }
            }
        }

        rest = rest[Math.Min(i, rest.Length)..].TrimStart((byte)' ');
    }

    private static SyslogMessage Rfc3164(ReadOnlySpan<byte> rest, DateTimeOffset received, long severity, string facility)
    {
        var datetime = received;
        if (TryBsdTime(rest, received, out var t))
        {
            datetime = t;
            rest = rest[15..].TrimStart((byte)' ');
        }

        // Next comes TAG (letters up to '[', ':' or a blank), unless a HOSTNAME precedes it: a first word that is
        // followed by a blank and does not itself end the tag.
        string? host = null;
        var word = rest.IndexOfAny(" [:"u8);
        if (word > 0 && rest[word] == (byte)' ')
        {
            var next = rest[(word + 1)..];
            var tagEnd = next.IndexOfAny(" [:"u8);
            if (tagEnd > 0 && next[tagEnd] != (byte)' ')
            {
                host = Encoding.UTF8.GetString(rest[..word]);
                rest = next;
                word = tagEnd;
            }
        }

        string? tag = null;
        if (word > 0 && rest[word] != (byte)' ')
        {
            tag = Encoding.UTF8.GetString(rest[..word]);
            rest = rest[word..];
            if (rest[0] == (byte)'[')
            {
                var close = rest.IndexOf((byte)']');
                rest = close < 0 ? default : rest[(close + 1)..];
            }

            if (rest.StartsWith(":"u8))
            {
                rest = rest[1..];
            }

            rest = rest.TrimStart((byte)' ');
        }

        return new SyslogMessage(Iso(datetime), host, severity, facility, tag, Encoding.UTF8.GetString(rest));
    }

    /// <summary><c>Mmm dd hh:mm:ss</c> (day space-padded), in the year of <paramref name="received"/>, taken as UTC
    /// (a task's clock zone); a date more than a day ahead is last year's (a message from before New Year).</summary>
    private static bool TryBsdTime(ReadOnlySpan<byte> text, DateTimeOffset received, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 15 || text[3] != (byte)' ' || text[6] != (byte)' ' || text[9] != (byte)':' || text[12] != (byte)':')
        {
            return false;
        }

        var month = Array.IndexOf(Months, Encoding.ASCII.GetString(text[..3])) + 1;
        var dayText = text[4] == (byte)' ' ? text[5..6] : text[4..6];
        if (month == 0 || !Utf8Parser.TryParse(dayText, out int day, out _) || !Utf8Parser.TryParse(text[7..9], out int h, out _)
            || !Utf8Parser.TryParse(text[10..12], out int m, out _) || !Utf8Parser.TryParse(text[13..15], out int s, out _))
        {
            return false;
        }

        try
        {
            time = new DateTimeOffset(received.UtcDateTime.Year, month, day, h, m, s, TimeSpan.Zero);
            if (time > received.AddDays(1))
            {
                time = time.AddYears(-1);
            }

            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
