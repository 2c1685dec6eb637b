// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Password state and ageing of local accounts from the container's /etc/shadow. Only the status and the hash
/// scheme leave the table, never the hash. <c>username =</c> filters before rows are built. An unreadable file (the
/// agent is not root) gives no rows, as getspent(3) does for osquery.</summary>
public sealed partial class ShadowTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/shadow", out var bytes))
        {
            yield break;
        }

        var names = query.TextEquals(C.Username);
        foreach (var e in ShadowEntry.Parse(bytes))
        {
            if (names is not null && !names.Contains(e.Name))
            {
                continue;
            }

            var row = NewRow();
            row.PasswordStatus = e.PasswordStatus;
            row.HashAlg = e.HashAlgorithm;
            row.LastChange = e.LastChange;
            row.Min = e.Min;
            row.Max = e.Max;
            row.Warning = e.Warning;
            row.Inactive = e.Inactive;
            row.Expire = e.Expire;
            row.Flag = e.Flag;
            row.Username = e.Name;
            yield return row;
        }
    }
}
