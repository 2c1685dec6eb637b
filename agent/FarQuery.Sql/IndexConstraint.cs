// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>One WHERE or join term SQLite offers a virtual table while planning: a copy of
/// <c>sqlite3_index_constraint</c> (https://sqlite.org/vtab.html#the_xbestindex_method), so that
/// <see cref="IndexPlanner"/> works on plain values and is tested without SQLite.</summary>
/// <param name="Column">The column ordinal; negative for the rowid.</param>
/// <param name="Op">SQLite's operator code (<c>SQLITE_INDEX_CONSTRAINT_*</c>).</param>
/// <param name="Usable">False when SQLite cannot supply the value for this plan (a join's other side not yet open).</param>
/// <param name="Binary">True when the comparison uses the BINARY collation (sqlite3_vtab_collation): only then does an
/// ordinal comparison in the table agree with SQLite's.</param>
/// <param name="IsIn">True when the constraint is, or may be, an IN operator: sqlite3_vtab_in(info, i, -1) says so for the
/// first 32 constraints, and past them it cannot tell an IN from an =.</param>
/// <param name="InWhole">True when SQLite can hand this IN list to xFilter whole; an IN it cannot would be driven one
/// value per scan.</param>
internal readonly record struct IndexConstraint(int Column, byte Op, bool Usable, bool Binary = true, bool IsIn = false, bool InWhole = false);

