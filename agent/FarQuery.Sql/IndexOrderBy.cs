// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>One ORDER BY term SQLite offers a virtual table while planning: a copy of <c>sqlite3_index_orderby</c>
/// (https://sqlite.org/vtab.html#the_xbestindex_method).</summary>
/// <param name="Column">The column ordinal.</param>
/// <param name="Descending">True for DESC.</param>
internal readonly record struct IndexOrderBy(int Column, bool Descending);
