// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>A table as its spec declares it; generated at build time from <c>tables/specs/*.json</c>.</summary>
public sealed class TableSchema
{
    /// <summary>Creates a schema.</summary>
    public TableSchema(string name, string description, IReadOnlyList<ColumnSchema> columns, bool isEventTable = false, IReadOnlyList<string>? aliases = null, IReadOnlyList<string>? examples = null)
    {
        Name = name;
        Description = description;
        Columns = columns;
        IsEventTable = isEventTable;
        Aliases = aliases ?? [];
        Examples = examples ?? [];
        HasRequiredColumns = columns.Any(c => c.IsRequired);
    }

    /// <summary>SQL name.</summary>
    public string Name { get; }

    /// <summary>One-line description.</summary>
    public string Description { get; }

    /// <summary>Columns in declaration order; ordinals are the generated <c>C</c> constants.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>True for event tables (time + hidden eid, bounded buffer).</summary>
    public bool IsEventTable { get; }

    /// <summary>Other names the table answers to (osquery's <c>aliases</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Example queries from the spec.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>True when a query must constrain one of the required columns.</summary>
    public bool HasRequiredColumns { get; }

    /// <summary>The ordinal of a column by name, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The statement given to sqlite3_declare_vtab: column names, types, HIDDEN and collations.</summary>
    public string ToDeclareSql(string tableName) => Render(tableName, withKey: false);

    /// <summary>osquery's <c>.schema</c> rendering, with PRIMARY KEY and WITHOUT ROWID where the spec implies one (docs/osquery-compat.md §0).</summary>
    public string ToCreateTableSql() => Render(Name, withKey: true) + ";";

    private string Render(string tableName, bool withKey)
    {
        var sb = new StringBuilder("CREATE TABLE ").Append(tableName).Append('(');
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append('`').Append(c.Name).Append("` ").Append(c.Type.ToSql());
            if (c.IsHidden)
            {
                sb.Append(" HIDDEN");
            }

            if (c.Collate is not null)
            {
                sb.Append(" COLLATE ").Append(c.Collate);
            }
        }

        var keyed = false;
        if (withKey)
        {
            var keys = Columns.Where(c => (c.Options & ColumnOptions.Index) != 0 || (c.Options & ColumnOptions.Additional) != 0).ToList();
            if (keys.Count == 0 && Columns.Any(c => (c.Options & ColumnOptions.Additional) != 0))
            {
                keys = [.. Columns];
            }

            if (keys.Count > 0)
            {
                sb.Append(", PRIMARY KEY (").AppendJoin(", ", keys.Select(k => "`" + k.Name + "`")).Append(')');
                keyed = true;
            }
        }

        sb.Append(')');
        if (keyed)
        {
            sb.Append(" WITHOUT ROWID");
        }

        return sb.ToString();
    }
}
