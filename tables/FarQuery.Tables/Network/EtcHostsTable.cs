// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Static name resolution entries of /etc/hosts (man 5 hosts): address, then names.</summary>
public sealed partial class EtcHostsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/hosts", out var bytes))
        {
            yield break;
        }

        foreach (var (fields, _) in ConfigLines.Parse(bytes))
        {
            // An address alone names nothing; resolvers ignore such lines too.
            if (fields.Length < 2)
            {
                continue;
            }

            var row = NewRow();
            row.Address = fields[0];
            row.Hostnames = string.Join(' ', fields[1..]);
            yield return row;
        }
    }
}
