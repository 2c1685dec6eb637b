// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Core.Carving;
using FarQuery.Core.Flags;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class CarvesTableTests
{
    [Fact]
    public void SelectStar_NoCarveRequested_NoRows()
    {
        Assert.Empty(TableAssert.SelectStarMatchesSpec("carves", context: Fixtures.Context("files"), expect: Expect.NoRows).Rows);
    }

    [Fact]
    public void CarveOne_DefaultFlags_ListsTheRequestRefusedAsDisabled()
    {
        var context = Fixtures.Context("files");
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("carves", "select * from carves where carve = 1 and path = '/etc/app.conf'", context).Rows());

        Assert.Equal("/etc/app.conf", row["path"]);
        Assert.Equal(1L, row["carve"]);
        Assert.Equal(-1L, row["size"]);
        Assert.Equal("REFUSED: carving is off (--disable_carver=true)", row["status"]);
        Assert.Equal(36, ((string)row["carve_guid"]!).Length);

        // Listed afterwards with carve = 0, like every carve a query did not just start.
        var listed = Assert.Single(TableAssert.Host(context).Query("select carve_guid, carve from carves").Rows);
        Assert.Equal(row["carve_guid"], listed[0]);
        Assert.Equal(0L, listed[1]);
    }

    [Fact]
    public void CarveOne_LikePattern_CarvesTheMatchingFilesAsOneRequest()
    {
        var context = Enabled(Fixtures.Context("files"));
        var row = Assert.Single(TableAssert.Host(context).Query("select path, status from carves where carve = 1 and path like '/etc/%'").Rows);

        // The fixture's /etc holds two regular files, a symlink to one of them, a dangling link and a directory: every
        // match is requested, and the refusal (no backend here) names the request as a whole.
        Assert.Equal("/etc/app.conf,/etc/dangling,/etc/hostname,/etc/link,/etc/nested", row[0]);
        Assert.StartsWith("REFUSED: no carver endpoints", (string)row[1]!, StringComparison.Ordinal);
    }

    [Fact]
    public void CarveZero_WithPath_StartsNothing()
    {
        var context = Enabled(Fixtures.Context("files"));
        Assert.Empty(TableAssert.Host(context).Query("select * from carves where carve = 0 and path = '/etc/app.conf'").Rows);
        Assert.Empty(Carver.Of(context).Entries);
    }

    private static TableContext Enabled(TableContext context)
    {
        context.Services.Set(FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [FlagCatalog.DisableCarver] = "false" }));
        return context;
    }
}
