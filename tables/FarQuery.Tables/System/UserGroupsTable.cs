// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>User ↔ group pairs as getgrouplist(3) gives them for each account of /etc/passwd: the primary group first,
/// then every group of /etc/group whose member list names the user, each gid once. <c>uid =</c> and <c>gid =</c> filter
/// before rows are built.</summary>
public sealed partial class UserGroupsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            yield break;
        }

        // A missing /etc/group still leaves each user's primary group, as getgrouplist does.
        var groups = Context.Fs.TryReadAllBytes("/etc/group", out var groupBytes) ? GroupEntry.Parse(groupBytes) : [];
        var uids = query.IntegerEquals(C.Uid);
        var gids = query.IntegerEquals(C.Gid);
        foreach (var user in PasswdEntry.Parse(passwd))
        {
            if (uids is not null && !uids.Contains(user.Uid))
            {
                continue;
            }

            var seen = new HashSet<long>();
            if (user.Gid is { } primary)
            {
                seen.Add(primary);
            }

            foreach (var g in groups)
            {
                if (g.Members.Contains(user.Name, StringComparer.Ordinal))
                {
                    seen.Add(g.Gid);
                }
            }

            // HashSet keeps insertion order while nothing is removed: primary first, then /etc/group order.
            foreach (var gid in seen)
            {
                if (gids is not null && !gids.Contains(gid))
                {
                    continue;
                }

                var row = NewRow();
                row.Uid = user.Uid;
                row.Gid = gid;
                yield return row;
            }
        }
    }
}
