// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>What <see cref="IndexPlanner"/> answers for one xBestIndex call: the values xBestIndex writes back into
/// <c>sqlite3_index_info</c> (https://sqlite.org/vtab.html#outputs), and nothing else.</summary>
internal sealed class IndexPlan
{
    /// <summary><c>idxNum</c> of a plan that lacks a column the table requires; xFilter refuses it with osquery's
    /// message.</summary>
    public const int MissingRequired = 0;

    /// <summary><c>idxNum</c> of a plan the table can run.</summary>
    public const int Runnable = 1;

    /// <summary>Per offered constraint, its position in xFilter's argv counting from 1, or 0 when it is not used
    /// (<c>aConstraintUsage[i].argvIndex</c>).</summary>
    public required int[] ArgvIndex { get; init; }

    /// <summary>Per offered constraint, whether xFilter takes its IN list whole (<c>sqlite3_vtab_in(info, i, 1)</c>).</summary>
    public bool[] HandleIn { get; init; } = [];

    /// <summary>Per offered constraint, whether SQLite may skip re-checking it (<c>aConstraintUsage[i].omit</c>).</summary>
    public required bool[] Omit { get; init; }

    /// <summary><see cref="Runnable"/> or <see cref="MissingRequired"/>.</summary>
    public required int IdxNum { get; init; }

    /// <summary>The plan as text for xFilter: the columns used, then each used constraint's column, operator and, for a
    /// whole IN list, the mark <c>in</c>, in argv order (<see cref="IndexPlanner.Decode"/> reads it back).</summary>
    public required string IdxStr { get; init; }

    /// <summary>What the plan costs compared with the others SQLite tries for this table.</summary>
    public required double EstimatedCost { get; init; }

    /// <summary>How many rows the plan is expected to return.</summary>
    public required long EstimatedRows { get; init; }

    /// <summary>Whether rows come out in the ORDER BY's order, so SQLite need not sort them.</summary>
    public required bool OrderByConsumed { get; init; }
}
