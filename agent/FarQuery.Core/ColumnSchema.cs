// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>One column of a table spec.</summary>
/// <param name="Name">SQL name.</param>
/// <param name="Type">Declared type.</param>
/// <param name="Options">osquery column flags.</param>
/// <param name="Description">What the column holds.</param>
/// <param name="Collate">Collation name, or null.</param>
public sealed record ColumnSchema(string Name, ColumnType Type, ColumnOptions Options, string Description, string? Collate = null)
{
    /// <summary>True when constraints on this column are passed to the table code.</summary>
    public bool IsPushedDown => (Options & (ColumnOptions.Index | ColumnOptions.Required | ColumnOptions.Additional | ColumnOptions.Optimized)) != 0;

    /// <summary>True for HIDDEN columns.</summary>
    public bool IsHidden => (Options & ColumnOptions.Hidden) != 0;

    /// <summary>True for required columns.</summary>
    public bool IsRequired => (Options & ColumnOptions.Required) != 0;
}
