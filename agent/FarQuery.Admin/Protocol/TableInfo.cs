// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin.Protocol;

/// <summary>One table the agent serves (answer to a tables request).</summary>
public sealed class TableInfo
{
    /// <summary>SQL name.</summary>
    public string Name { get; set; } = "";

    /// <summary>One-line description.</summary>
    public string Description { get; set; } = "";

    /// <summary>True for event tables.</summary>
    public bool Event { get; set; }

    /// <summary>Other names.</summary>
    public IReadOnlyList<string> Aliases { get; set; } = [];

    /// <summary>Columns in order.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; set; } = [];
}

/// <summary>One column of a <see cref="TableInfo"/>.</summary>
public sealed class ColumnInfo
{
    /// <summary>SQL name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Declared type as <c>.schema</c> prints it (TEXT, BIGINT, ...).</summary>
    public string Type { get; set; } = "";

    /// <summary>Raw <see cref="Core.ColumnOptions"/> flags (hidden, index, required ...).</summary>
    public int Options { get; set; }

    /// <summary>Collation, or null.</summary>
    public string? Collate { get; set; }

    /// <summary>What the column holds.</summary>
    public string Description { get; set; } = "";
}
