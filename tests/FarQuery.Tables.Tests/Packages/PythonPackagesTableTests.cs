// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class PythonPackagesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("python_packages", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_LiveContainer_FindsWhatTheImageInstalled()
    {
        using var host = TableAssert.Host();
        var result = host.Query("select * from python_packages");
        if (Directory.Exists("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info"))
        {
            Assert.Contains(result.Rows(), r => (string)r["name"]! == "PyYAML" && (string)r["directory"]! == "/usr/lib/python3/dist-packages");
        }
    }

    [Fact]
    public void Query_Debian12_FindsDistroVenvAndUserSitePackages()
    {
        var rows = Fixtures.Query("debian12", "select name, version, directory, uid from python_packages order by name").Rows();
        Assert.Equal(["Flask", "PyJWT", "PyYAML", "requests", "six"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("/app/.venv/lib/python3.12/site-packages", rows[0]["directory"]);
        Assert.Equal("/usr/lib/python3/dist-packages", rows[1]["directory"]);
        Assert.Null(rows[1]["uid"]);
        Assert.Equal("/root/.local/lib/python3.11/site-packages", rows[4]["directory"]);
        Assert.Equal(0L, rows[4]["uid"]);
    }

    [Fact]
    public void Query_DistInfoAndEggInfo_ReadEveryField()
    {
        var rows = Fixtures.Query("debian12", "select * from python_packages where name in ('PyJWT', 'Flask', 'six') order by name").Rows();
        Assert.Equal("JSON Web Token implementation in Python", rows[1]["summary"]);
        Assert.Equal("Jose Padilla", rows[1]["author"]);
        Assert.Equal("MIT", rows[1]["license"]);
        Assert.Equal("/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info", rows[1]["path"]);

        // Metadata 2.4 as PEP 621 builds write it: only Author-email and License-Expression.
        Assert.Equal("Armin Ronacher <armin.ronacher@active-4.com>", rows[0]["author"]);
        Assert.Equal("BSD-3-Clause", rows[0]["license"]);

        // An egg-info that is a file, not a directory.
        Assert.Equal("1.16.0", rows[2]["version"]);
        Assert.Equal("/root/.local/lib/python3.11/site-packages/six-1.16.0.egg-info", rows[2]["path"]);
    }

    [Fact]
    public void Query_DirectoryConstraint_ScansOnlyThatDirectory()
    {
        var rows = Fixtures.Query("debian12", "select name from python_packages where directory = '/app/.venv/lib/python3.12/site-packages' order by name").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["Flask", "requests"], rows);
    }

    [Fact]
    public void Query_DamagedMetadata_RowsForWhatCanBeRead()
    {
        var rows = Fixtures.Query("damaged", "select name, version, summary from python_packages order by name").Rows();
        Assert.Equal(["ok", "truncated"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("2.0", rows[1]["version"]);
        Assert.Equal("", rows[1]["summary"]);
    }
}
