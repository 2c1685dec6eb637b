// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Keys and keyrings the agent may view, from /proc/keys (see <see cref="ProcKey"/>); the kernel lists only
/// keys the reader has View permission on, so the table shows what the agent's credentials see.</summary>
[RowSource(typeof(ProcKey))]
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
            yield return RowFrom(k);
        }
    }
}
