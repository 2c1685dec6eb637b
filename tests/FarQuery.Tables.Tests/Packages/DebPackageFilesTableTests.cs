// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The debian12 fixture's info/*.list files were copied from a Debian machine: base-files and bash (named by
/// package) and zlib1g:amd64 (Multi-Arch: same, named with its architecture). libc6 and tzdata are in the status file
/// without a list, and oldtool is purged.</summary>
public sealed class DebPackageFilesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("deb_package_files", context: Fixtures.Context("debian12")).Rows();
        var lists = Directory.GetFiles(Path.Join(Fixtures.Root("debian12"), "var/lib/dpkg/info"), "*.list");
        Assert.Equal(lists.Sum(l => File.ReadAllLines(l).Count(x => x.Length > 0)), rows.Count);
        Assert.Equal(["base-files", "bash", "zlib1g"], rows.Select(r => (string)r["package"]!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Query_PathOfBash_BelongsToBash()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select package, admindir from deb_package_files where path = '/bin/bash'").Rows);
        Assert.Equal(["bash", "/var/lib/dpkg"], row);
    }

    [Fact]
    public void Query_MultiArchPackage_ListWithArchitecture()
    {
        var paths = Fixtures.Query("debian12", "select path from deb_package_files where package = 'zlib1g'").Rows.Select(r => (string)r[0]!).ToList();
        Assert.Equal(File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "var/lib/dpkg/info/zlib1g:amd64.list")), paths);
    }

    [Fact]
    public void Query_OtherAdmindirOrUnknownPackage_NoRows()
    {
        Assert.Empty(Fixtures.Query("debian12", "select * from deb_package_files where admindir = '/nonexistent'").Rows);
        Assert.Empty(Fixtures.Query("debian12", "select * from deb_package_files where package = 'libc6'").Rows);
    }
}
