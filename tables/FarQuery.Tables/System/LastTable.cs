// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Login history from wtmp, like last(1): the login (USER_PROCESS) and logout (DEAD_PROCESS) records in file
/// order, which is oldest first. Boot, run-level and clock records are left out, as osquery does.</summary>
public sealed partial class LastTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/var/log/wtmp", out var bytes))
        {
            yield break;
        }

        foreach (var r in UtmpRecord.Parse(bytes))
        {
            if (r.Type is not (UtmpRecord.UserProcess or UtmpRecord.DeadProcess))
            {
                continue;
            }

            var row = NewRow();
            row.Username = r.User;
            row.Tty = r.Line;
            row.Pid = r.Pid;
            row.Type = r.Type;
            row.TypeName = r.Type == UtmpRecord.UserProcess ? "user-process" : "dead-process";
            row.Time = r.Seconds;
            row.Host = r.Host;
            yield return row;
        }
    }
}
