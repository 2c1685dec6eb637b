// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>One WHERE or join term SQLite offers a virtual table while planning: a copy of
/// <c>sqlite3_index_constraint</c> (https://sqlite.org/vtab.html#the_xbestindex_method), so that
/// <see cref="IndexPlanner"/> works on plain values and is tested without SQLite.</summary>
/// <param name="Column">The column ordinal; negative for the rowid.</param>
/// <param name="Op">SQLite's operator code (<c>SQLITE_INDEX_CONSTRAINT_*</c>).</param>
/// <param name="Usable">False when SQLite cannot supply the value for this plan (a join's other side not yet open).</param>
internal readonly record struct IndexConstraint(int Column, byte Op, bool Usable);
