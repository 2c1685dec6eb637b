// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryRegistryTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_ListsEveryTable()
    {
        var rows = TableAssert.SelectStarMatchesSpec("osquery_registry").Rows();
        var expected = TableRegistry.All.SelectMany(t => t.Schema.Aliases.Prepend(t.Name)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, rows.Select(r => (string)r["name"]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("table", r["registry"]));
        Assert.All(rows, r => Assert.Equal(1L, r["active"]));
    }
}
