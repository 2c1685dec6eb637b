// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The current time in UTC from the context's clock (so tests can fix it), in osquery's formats.</summary>
public sealed partial class TimeTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var now = Context.Time.GetUtcNow();
        var utc = now.UtcDateTime;
        var inv = CultureInfo.InvariantCulture;
        var iso = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv);
        var row = NewRow();
        row.Weekday = utc.DayOfWeek.ToString();
        row.Year = utc.Year;
        row.Month = utc.Month;
        row.Day = utc.Day;
        row.Hour = utc.Hour;
        row.Minutes = utc.Minute;
        row.Seconds = utc.Second;
        row.Timezone = "UTC";
        row.LocalTimezone = LocalZoneName(Context.Time, now);
        row.UnixTime = now.ToUnixTimeSeconds();

        // asctime(3) layout (day padded with a space) followed by the zone, as osquery's log timestamps read.
        row.Timestamp = string.Create(inv, $"{utc:ddd MMM} {utc.Day,2} {utc:HH:mm:ss yyyy} UTC");
        row.Datetime = iso;
        row.Iso8601 = iso;
        row.DateTime = iso;
        yield return row;
    }

    private static string LocalZoneName(TimeProvider time, DateTimeOffset now)
    {
        var zone = time.LocalTimeZone;
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" || zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        return zone.IsDaylightSavingTime(now) ? zone.DaylightName : zone.StandardName;
    }
}
