// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Local accounts from the container's /etc/passwd; <c>uid =</c> and <c>username =</c> filter before rows are built.</summary>
public sealed partial class UsersTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/passwd", out var bytes))
        {
            yield break;
        }

        var uids = query.IntegerEquals(C.Uid);
        var names = query.TextEquals(C.Username);

        // osquery's include_remote = 1 adds NSS directory accounts (LDAP, AD); a task has none, so the rows are the
        // local ones either way, and the constraint's value is echoed so that SQLite keeps them.
        var includeRemote = query.IntegerEquals(C.IncludeRemote) is { Count: > 0 } remote ? remote[0] : 0;
        foreach (var e in PasswdEntry.Parse(bytes))
        {
            if ((uids is not null && !uids.Contains(e.Uid)) || (names is not null && !names.Contains(e.Name)))
            {
                continue;
            }

            var row = NewRow();
            row.Uid = e.Uid;
            row.Gid = e.Gid;

            // osquery's uid_signed is the id read back as a C int: 4294967295 (nfsnobody on old systems) becomes -1.
            row.UidSigned = (long)unchecked((int)e.Uid);
            row.GidSigned = e.Gid is { } gid ? (long)unchecked((int)gid) : null;
            row.Username = e.Name;
            row.Description = e.Gecos;
            row.Directory = e.Directory;
            row.Shell = e.Shell;
            row.Type = "local";
            row.Uuid = "";
            row.IncludeRemote = includeRemote;
            yield return row;
        }
    }
}
