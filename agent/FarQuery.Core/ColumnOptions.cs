// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>Column flags with osquery's meaning (docs/osquery-compat.md §0).</summary>
[Flags]
public enum ColumnOptions
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Constraints on the column reach the table code; part of the primary key.</summary>
    Index = 1,
    /// <summary>A query must constrain one of the table's required columns.</summary>
    Required = 2,
    /// <summary>Constraints change what is generated (a non-default path, <c>time</c> on event tables).</summary>
    Additional = 4,
    /// <summary>The table handles IN lists at once.</summary>
    Optimized = 8,
    /// <summary>Left out of <c>SELECT *</c>.</summary>
    Hidden = 16,
}
