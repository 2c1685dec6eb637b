// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class NpmPackagesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("npm_packages", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_LiveContainer_FindsWhatTheImageInstalled()
    {
        using var host = TableAssert.Host();
        var result = host.Query("select * from npm_packages");
        if (File.Exists("/usr/lib/node_modules/npm/package.json"))
        {
            Assert.Contains(result.Rows(), r => (string)r["name"]! == "npm" && (long)r["depth"]! == 0);
        }
    }

    [Fact]
    public void Query_Debian12_WalksAppAndGlobalTrees()
    {
        var rows = Fixtures.Query("debian12", "select name, version, directory, depth, path from npm_packages order by name").Rows();
        Assert.Equal(["@types/node", "debug", "express", "ms", "npm"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("/app/node_modules/@types/node", rows[0]["path"]);
        Assert.Equal(1L, rows[1]["depth"]);
        Assert.Equal("/app/node_modules/express/node_modules/debug", rows[1]["path"]);
        Assert.Equal("/app/node_modules", rows[1]["directory"]);
        Assert.Equal(0L, rows[2]["depth"]);
        Assert.Equal("/usr/local/lib/node_modules", rows[4]["directory"]);
    }

    [Fact]
    public void Query_AuthorAndLicenseForms_AllRead()
    {
        var rows = Fixtures.Query("debian12", "select * from npm_packages where directory = '/app/node_modules' order by name").Rows();
        var byName = rows.ToDictionary(r => (string)r["name"]!);
        Assert.Equal("TJ Holowaychuk <tj@vision-media.ca>", byName["express"]["author"]);
        Assert.Equal("http://expressjs.com/", byName["express"]["homepage"]);
        Assert.Equal("Fast, unopinionated, minimalist web framework", byName["express"]["description"]);
        Assert.Equal("TJ Holowaychuk", byName["debug"]["author"]);
        Assert.Equal("MIT", byName["ms"]["license"]);
    }

    [Fact]
    public void Query_MaxDepthZero_OnlyDirectDependencies()
    {
        var rows = Fixtures.Query("debian12", "select name from npm_packages where directory = '/app/node_modules' and max_depth = 0 order by name").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["@types/node", "express", "ms"], rows);
    }

    [Fact]
    public void Query_DamagedPackageJson_RowsForWhatCanBeRead()
    {
        var rows = Fixtures.Query("damaged", "select name, version from npm_packages").Rows();
        Assert.Equal("ok", Assert.Single(rows)["name"]);
    }
}
