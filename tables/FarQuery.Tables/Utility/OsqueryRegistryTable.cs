// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>osquery's registry introspection, for the one registry FarQuery has: every table name (and alias) it serves.</summary>
public sealed partial class OsqueryRegistryTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var table in Context.Registry)
        {
            foreach (var name in table.Schema.Aliases.Prepend(table.Name))
            {
                var row = NewRow();
                row.Registry = "table";
                row.Name = name;
                row.OwnerUuid = 0;
                row.Internal = 0;
                row.Active = 1;
                yield return row;
            }
        }
    }
}
