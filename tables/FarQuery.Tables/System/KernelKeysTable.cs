// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Keys and keyrings the agent may view, from /proc/keys (see <see cref="ProcKey"/>); the kernel lists only
/// keys the reader has View permission on, so the table shows what the agent's credentials see.</summary>
public sealed partial class KernelKeysTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/keys", out var bytes))
        {
            yield break;
        }

        foreach (var k in ProcKey.Parse(bytes))
        {
            var row = NewRow();
            row.SerialNumber = k.Serial;
            row.Flags = k.Flags;
            row.Usage = k.Usage;
            row.Timeout = k.Timeout;
            row.Permissions = k.Permissions;
            row.Uid = k.Uid;
            row.Gid = k.Gid;
            row.Type = k.Type;
            row.Description = k.Description;
            yield return row;
        }
    }
}
