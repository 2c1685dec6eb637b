// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The amzn2023 fixture's yum.conf and .repo files are written in the format Amazon Linux 2023 and Docker ship;
/// the damaged fixture moves reposdir, declares a repository in yum.conf and breaks a .repo file in several ways.</summary>
public sealed class YumSourcesTableTests
{
    [Fact]
    public void SelectStar_Amzn2023_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("yum_sources", context: Fixtures.Context("amzn2023")).Rows();
        Assert.Equal(["Amazon Linux 2023 repository", "Amazon Linux 2023 repository - Debug", "Docker CE Stable - $basearch"], rows.Select(r => (string)r["name"]!));
    }

    [Fact]
    public void Query_AmazonLinuxRepo_EveryColumn()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select baseurl, mirrorlist, enabled, gpgcheck, gpgkey from yum_sources where name = 'Amazon Linux 2023 repository'").Rows);
        Assert.Equal(
            [null, "https://cdn.amazonlinux.com/al2023/core/mirrors/$releasever/$basearch/mirror.list", "1", "1", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-amazon-linux-2023"],
            row);
        Assert.Equal("0", Fixtures.Query("amzn2023", "select enabled from yum_sources where name like '%Debug'").Rows[0][0]);
    }

    [Fact]
    public void Query_DamagedFiles_ReposdirInlineSectionContinuationAndLastValue()
    {
        var rows = Fixtures.Query("damaged", "select name, baseurl, enabled, gpgcheck, gpgkey from yum_sources").Rows;
        Assert.Equal(
            [
                ["Declared in yum.conf", "http://mirror.example/inline/", null, null, null],
                ["Extra Packages for Enterprise Linux 9", null, "1", "0", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9 file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9-extra"],
            ],
            rows);
    }

    [Fact]
    public void Query_NoYum_NoRows()
    {
        Assert.Empty(Fixtures.Query("debian12", "select * from yum_sources").Rows);
    }
}
