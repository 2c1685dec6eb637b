// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>osquery's column types; DATE/DATETIME in specs are TEXT.</summary>
public enum ColumnType
{
    /// <summary>TEXT.</summary>
    Text,
    /// <summary>INTEGER (32-bit in osquery's intent, stored as SQLite integer).</summary>
    Integer,
    /// <summary>BIGINT.</summary>
    BigInt,
    /// <summary>UNSIGNED BIGINT.</summary>
    UnsignedBigInt,
    /// <summary>DOUBLE.</summary>
    Double,
    /// <summary>BLOB.</summary>
    Blob,
}

/// <summary>SQL names of <see cref="ColumnType"/>.</summary>
public static class ColumnTypeNames
{
    /// <summary>The type as osquery renders it in <c>.schema</c>.</summary>
    public static string ToSql(this ColumnType type) => type switch
    {
        ColumnType.Text => "TEXT",
        ColumnType.Integer => "INTEGER",
        ColumnType.BigInt => "BIGINT",
        ColumnType.UnsignedBigInt => "UNSIGNED BIGINT",
        ColumnType.Double => "DOUBLE",
        _ => "BLOB",
    };

    /// <summary>True for the integer family, which SQLite stores as int64.</summary>
    public static bool IsInteger(this ColumnType type) =>
        type is ColumnType.Integer or ColumnType.BigInt or ColumnType.UnsignedBigInt;
}
