// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>One constraint of a plan as xFilter reads it back (<see cref="IndexPlanner.Decode"/>).</summary>
/// <param name="Column">The column ordinal.</param>
/// <param name="Op">The operator.</param>
/// <param name="InList">True when xFilter's argument is the whole IN list, read with sqlite3_vtab_in_first/next.</param>
internal readonly record struct PlannedConstraint(int Column, ConstraintOp Op, bool InList);
