// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>A query failed: SQLite's message, or a table's error such as a missing required column.</summary>
public sealed class SqlQueryException(string message, Exception? inner = null) : Exception(message, inner);
