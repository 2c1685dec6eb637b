// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Cron jobs: the system crontab and /etc/cron.d (which carry a user field), and the per-user spools of
/// Debian (/var/spool/cron/crontabs), RHEL/Amazon Linux (/var/spool/cron) and Alpine's busybox crond (/etc/crontabs).</summary>
public sealed partial class CrontabTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var files = new List<(string Path, bool HasUser)> { ("/etc/crontab", true) };
        files.AddRange(PackageFiles.List(Context.Fs, "/etc/cron.d").Select(f => (f, true)));
        foreach (var spool in new[] { "/var/spool/cron/crontabs", "/var/spool/cron", "/etc/crontabs" })
        {
            files.AddRange(PackageFiles.List(Context.Fs, spool).Select(f => (f, false)));
        }

        foreach (var (path, hasUser) in files)
        {
            if (!Context.Fs.TryReadAllBytes(path, out var bytes))
            {
                continue;
            }

            foreach (var job in CrontabLine.Parse(bytes, hasUser))
            {
                var row = NewRow();
                row.Event = job.Event;
                row.Minute = job.Minute;
                row.Hour = job.Hour;
                row.DayOfMonth = job.DayOfMonth;
                row.Month = job.Month;
                row.DayOfWeek = job.DayOfWeek;
                row.Command = job.Command;
                row.Path = path;

                // A spool file is named after its user.
                row.User = hasUser ? job.User : Path.GetFileName(path);
                yield return row;
            }
        }
    }
}
