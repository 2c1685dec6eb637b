// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Current sessions from utmp, read as a file rather than through getutxent(3): libc's utmp functions keep
/// process-wide state and take a lock on the file, and a fixture tree can stand in for the file. Records of pid 1
/// (init's run-level and boot entries) are left out, as osquery does.</summary>
[RowSource(typeof(UtmpRecord))]
public sealed partial class LoggedInUsersTable(TableContext context) : Table(context)
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [0] = "empty", [1] = "runlevel", [2] = "boot_time", [3] = "new_time", [4] = "old_time", [5] = "init",
        [6] = "login", [7] = "user", [8] = "dead", [9] = "accounting",
    };

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        // glibc's _PATH_UTMP is /var/run/utmp, a symlink to /run on current distributions; a tree without the link
        // (an image that never ran systemd-tmpfiles) may have only one of them.
        if (!Context.Fs.TryReadAllBytes("/var/run/utmp", out var bytes) && !Context.Fs.TryReadAllBytes("/run/utmp", out bytes))
        {
            yield break;
        }

        foreach (var r in UtmpRecord.Parse(bytes))
        {
            if (r.Pid == 1)
            {
                continue;
            }

            var row = RowFrom(r);
            row.Type = Types.GetValueOrDefault(r.Type, "unknown");
            row.Tty = r.Line;
            row.Time = r.Seconds;
            yield return row;
        }
    }
}
