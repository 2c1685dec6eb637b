// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class DebPackagesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("deb_packages");
        if (File.Exists("/var/lib/dpkg/status"))
        {
            Assert.Contains(result.Rows(), r => (string)r["name"]! == "libc6" && ((string)r["status"]!).EndsWith("installed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Count_LiveDebian_EqualsDpkgQuery()
    {
        if (!File.Exists("/var/lib/dpkg/status"))
        {
            Console.Error.WriteLine("SKIPPED: not a Debian-based machine (no /var/lib/dpkg/status)");
            return;
        }

        var output = Fixtures.RequireTool("dpkg-query", "-W");
        if (output is null)
        {
            return;
        }

        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        using var host = TableAssert.Host();
        Assert.Equal((long)expected, host.Query("select count(*) from deb_packages").Rows[0][0]);
    }

    [Fact]
    public void Query_LiveDebian_VersionsMatchDpkgQuery()
    {
        var output = File.Exists("/var/lib/dpkg/status") ? Fixtures.RequireTool("dpkg-query", "-W", "-f", "${Package}:${Architecture}\t${Version}\n") : null;
        if (output is null)
        {
            return;
        }

        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        using var host = TableAssert.Host();
        var actual = host.Query("select name || ':' || arch || char(9) || version from deb_packages").Rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Query_Debian12Slice_ReadsEveryField()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from deb_packages where name = 'zlib1g'").Rows());
        Assert.Equal("1:1.2.13.dfsg-1", row["version"]);
        Assert.Equal("1", row["revision"]);
        Assert.Equal("zlib", row["source"]);
        Assert.Equal(168L, row["size"]);
        Assert.Equal("amd64", row["arch"]);
        Assert.Equal("install ok installed", row["status"]);
        Assert.Equal("Mark Brown <broonie@debian.org>", row["maintainer"]);
        Assert.Equal("libs", row["section"]);
        Assert.Equal("optional", row["priority"]);
        Assert.Equal("/var/lib/dpkg", row["admindir"]);
    }

    [Fact]
    public void Query_Debian12Slice_ListsInstalledAndSkipsPurged()
    {
        var names = Fixtures.Query("debian12", "select name from deb_packages order by name").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["base-files", "bash", "bsdutils", "libc6", "tzdata", "zlib1g"], names);
    }

    [Fact]
    public void Query_SourceWithVersion_KeepsThePackageName()
    {
        var rows = Fixtures.Query("debian12", "select name, source, revision from deb_packages where name in ('bsdutils', 'bash', 'base-files', 'tzdata') order by name").Rows();
        Assert.Equal(["", "bash", "util-linux", ""], rows.Select(r => (string)r["source"]!));
        Assert.Equal(["", "2+b8", "5+deb12u3", "0+deb12u2"], rows.Select(r => (string)r["revision"]!));
    }

    [Fact]
    public void Query_VersionCollation_OrdersAsDpkg()
    {
        // 5.2.15 is older than 12.4 as a version, though it sorts after it as text.
        var rows = Fixtures.Query("debian12", "select name from deb_packages where name in ('bash', 'base-files') order by version").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["bash", "base-files"], rows);
    }

    [Fact]
    public void Query_AdmindirWithStatusD_ReadsDistrolessEntriesAndSkipsMd5sums()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select name, version, admindir from deb_packages where admindir = '/opt/dpkg'").Rows());
        Assert.Equal("libssl3", row["name"]);
        Assert.Equal("3.0.19-1~deb12u2", row["version"]);
        Assert.Equal("/opt/dpkg", row["admindir"]);
    }

    [Fact]
    public void Query_TruncatedStatus_RowsForWhatCanBeRead()
    {
        var rows = Fixtures.Query("damaged", "select name, version, size, arch from deb_packages order by name").Rows();
        Assert.Equal(["libc6", "zlib1g"], rows.Select(r => (string)r["name"]!));

        // The file ends inside libc6's paragraph: the fields before the cut are read, the rest are empty.
        Assert.Equal(1300L, rows[0]["size"]);
        Assert.Equal("", rows[0]["version"]);
        Assert.Equal("", rows[0]["arch"]);
        Assert.Equal("1:1.2.13.dfsg-1", rows[1]["version"]);
    }

    [Fact]
    public void Query_NoDpkgDatabase_NoRows()
    {
        Assert.Empty(Fixtures.Query("alpine", "select * from deb_packages").Rows);
    }
}
