// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Local groups from the container's /etc/group; <c>gid =</c> filters before rows are built.</summary>
public sealed partial class GroupsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/group", out var bytes))
        {
            yield break;
        }

        var gids = query.IntegerEquals(C.Gid);
        foreach (var e in GroupEntry.Parse(bytes))
        {
            if (gids is not null && !gids.Contains(e.Gid))
            {
                continue;
            }

            var row = NewRow();
            row.Gid = e.Gid;
            row.GidSigned = (long)unchecked((int)e.Gid);
            row.Groupname = e.Name;
            yield return row;
        }
    }
}
