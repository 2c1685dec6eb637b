// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Parsers;

/// <summary>One job of a crontab (man 5 crontab): five time fields or an @event, then (in system crontabs, which name
/// the user) a user, then the command.</summary>
/// <param name="Event">The @keyword (@reboot, @daily ...) or empty.</param>
/// <param name="Minute">Minute field.</param>
/// <param name="Hour">Hour field.</param>
/// <param name="DayOfMonth">Day-of-month field.</param>
/// <param name="Month">Month field.</param>
/// <param name="DayOfWeek">Day-of-week field.</param>
/// <param name="User">User the job runs as (system crontabs) or empty.</param>
/// <param name="Command">The command line.</param>
internal sealed record CrontabLine(string Event, string Minute, string Hour, string DayOfMonth, string Month, string DayOfWeek, string User, string Command)
{
    /// <summary>The jobs of one crontab; environment assignments, comments and lines with too few fields are skipped.</summary>
    public static List<CrontabLine> Parse(byte[] text, bool hasUserField)
    {
        var list = new List<CrontabLine>();
        foreach (var (fields, _) in ConfigLines.Parse(text, comments: false))
        {
            if (fields[0].StartsWith('#') || (fields[0].Contains('=') && !fields[0].StartsWith('@') && !char.IsAsciiDigit(fields[0][0]) && fields[0][0] != '*'))
            {
                continue;
            }

            var user = hasUserField ? 1 : 0;
            if (fields[0].StartsWith('@'))
            {
                if (fields.Length < 2 + user)
                {
                    continue;
                }

                list.Add(new CrontabLine(fields[0], "", "", "", "", "", hasUserField ? fields[1] : "", string.Join(' ', fields[(1 + user)..])));
            }
            else if (fields.Length >= 6 + user)
            {
                list.Add(new CrontabLine("", fields[0], fields[1], fields[2], fields[3], fields[4], hasUserField ? fields[5] : "", string.Join(' ', fields[(5 + user)..])));
            }
        }

        return list;
    }
}
