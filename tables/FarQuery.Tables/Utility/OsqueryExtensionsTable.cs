// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>osquery lists itself as extension 0, "core", beside the extensions registered on its extension manager
/// socket. FarQuery has no extension manager, so the core row is the only one: backends that look for an extension by
/// name (Fleet's fleetd tables) find none and skip what needs it.</summary>
public sealed partial class OsqueryExtensionsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var row = NewRow();
        row.Uuid = 0;
        row.Name = "core";
        row.Version = AgentInfo.OsqueryVersion;

        // osquery's core reports its own release as its SDK version too.
        row.SdkVersion = AgentInfo.OsqueryVersion;
        row.Path = "";
        row.Type = "core";
        yield return row;
    }
}
