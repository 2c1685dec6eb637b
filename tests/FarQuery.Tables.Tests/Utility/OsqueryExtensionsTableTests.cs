// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryExtensionsTableTests
{
    [Fact]
    public void SelectStar_Agent_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("osquery_extensions").Rows);
        Assert.Equal([0L, "core", AgentInfo.OsqueryVersion, AgentInfo.OsqueryVersion, "", "core"], row);
    }

    [Fact]
    public void Query_AnExtensionByName_NoRows()
    {
        using var host = TableAssert.Host();
        Assert.Empty(host.Query("select * from osquery_extensions where name = 'fleetd' and type = 'extension'").Rows);
    }
}
