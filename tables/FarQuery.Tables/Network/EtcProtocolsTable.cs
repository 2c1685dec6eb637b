// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>IP protocol numbers of the container's /etc/protocols (see <see cref="ProtocolEntry"/>); slim images often
/// lack the file (Debian ships it in netbase), and then the table is empty.</summary>
public sealed partial class EtcProtocolsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/protocols", out var bytes))
        {
            yield break;
        }

        foreach (var e in ProtocolEntry.Parse(bytes))
        {
            var row = NewRow();
            row.Name = e.Name;
            row.Number = e.Number;
            row.Alias = e.Alias;
            row.Comment = e.Comment;
            yield return row;
        }
    }
}
