// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class ApkPackagesTableTests
{
    [Fact]
    public void SelectStar_Alpine_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("apk_packages", context: Fixtures.Context("alpine"));
    }

    [Fact]
    public void Query_Alpine_ReadsEveryField()
    {
        var row = Assert.Single(Fixtures.Query("alpine", "select * from apk_packages where name = 'musl'").Rows());
        Assert.Equal("1.2.4_git20230717-r4", row["version"]);
        Assert.Equal("musl", row["source"]);
        Assert.Equal(663552L, row["size"]);
        Assert.Equal("x86_64", row["arch"]);
        Assert.Equal("Timo Teräs <timo.teras@iki.fi>", row["maintainer"]);
        Assert.Equal("MIT", row["license"]);
        Assert.Equal("https://musl.libc.org/", row["url"]);
        Assert.Equal("the musl c library (libc) implementation", row["description"]);
        Assert.Equal(1701956734L, row["build_time"]);
        Assert.Equal("a3c4d6b3a7e5e0d5b36c8c8a2c0c6f1e5d7d1e11", row["commit"]);
        Assert.Equal("/", row["root"]);
    }

    [Fact]
    public void Query_Alpine_OnePackagePerParagraphWithItsOrigin()
    {
        var rows = Fixtures.Query("alpine", "select name, source from apk_packages order by name").Rows();
        Assert.Equal(["busybox", "ca-certificates-bundle", "musl"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("ca-certificates", rows[1]["source"]);
    }

    [Fact]
    public void Query_TruncatedDatabase_RowsForWhatCanBeRead()
    {
        var rows = Fixtures.Query("damaged", "select name, version, arch, size from apk_packages order by name").Rows();
        Assert.Equal(["libcrypto3", "zlib"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("x86", rows[0]["arch"]);
        Assert.Null(rows[0]["size"]);
        Assert.Equal(102400L, rows[1]["size"]);
    }

    [Fact]
    public void Query_OtherRoot_ReadsItsDatabase()
    {
        // The Alpine fixture tree seen from a parent root: the image unpacked under /rootfs/alpine.
        var context = new Core.TableContext { Fs = new Core.HostFileSystem(Path.GetDirectoryName(Fixtures.Root("alpine"))!) };
        using var host = TableAssert.Host(context);
        Assert.Equal(3L, host.Query("select count(*) from apk_packages where root = '/alpine'").Rows[0][0]);
    }
}
