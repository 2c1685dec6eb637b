// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables;

/// <summary>The flag values in force, as the configuration's "options" set them; whoever loads the configuration puts
/// one in <c>TableContext.Services</c>. Without it osquery_flags reports each flag's default.</summary>
/// <param name="Values">Flag name to value, as text.</param>
public sealed record OsqueryFlagValues(IReadOnlyDictionary<string, string> Values);
