// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class AptSourcesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("apt_sources");
        if (File.Exists("/etc/apt/sources.list.d/debian.sources"))
        {
            Assert.Contains(result.Rows(), r => ((string)r["source"]!).EndsWith("debian.sources", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Query_Debian12_OneLineEntriesThenDeb822WithReleaseFields()
    {
        var rows = Fixtures.Query("debian12", "select * from apt_sources").Rows();
        Assert.Equal(
            [
                "security.debian.org/debian-security bookworm-security",
                "download.docker.com/linux/debian bookworm",
                "user:secret@repo.example.com/apt ./",
                "deb.debian.org/debian bookworm",
                "deb.debian.org/debian bookworm-updates",
            ],
            rows.Select(r => (string)r["name"]!));

        // No Release file was fetched for the security suite: the configured components stand in.
        Assert.Equal(("/etc/apt/sources.list", "http://security.debian.org/debian-security", "", "main contrib"), ((string)rows[0]["source"]!, (string)rows[0]["base_uri"]!, (string)rows[0]["release"]!, (string)rows[0]["components"]!));
        Assert.Equal(("amd64 arm64", "stable"), ((string)rows[1]["architectures"]!, (string)rows[1]["components"]!));

        // A flat repository's Release file, found without the credentials in the URI.
        Assert.Equal(("Example Corp", "2.1", "amd64"), ((string)rows[2]["maintainer"]!, (string)rows[2]["version"]!, (string)rows[2]["architectures"]!));

        var bookworm = rows[3];
        Assert.Equal("/etc/apt/sources.list.d/debian.sources", bookworm["source"]);
        Assert.Equal(("bookworm", "12.4", "Debian"), ((string)bookworm["release"]!, (string)bookworm["version"]!, (string)bookworm["maintainer"]!));
        Assert.Equal("main contrib non-free-firmware non-free", bookworm["components"]);
        Assert.Equal("all amd64 arm64 armel armhf i386 mips64el mipsel ppc64el s390x", bookworm["architectures"]);
        Assert.Equal(("", "main"), ((string)rows[4]["release"]!, (string)rows[4]["components"]!));
    }

    [Fact]
    public void Query_VersionCollation_ComparesAsDpkgVersions()
    {
        var rows = Fixtures.Query("debian12", "select name from apt_sources where version > '12.10'").Rows();

        // dpkg order: 12.4 < 12.10 (numeric), 2.1 < 12.10; a plain text compare would put "2.1" and "12.4" above it.
        Assert.Empty(rows);
    }

    [Fact]
    public void Query_PidWithNamespace_ReadsThroughProcRoot()
    {
        var live = TableAssert.SelectStarMatchesSpec("apt_sources", "select name, pid_with_namespace from apt_sources");
        var self = TableAssert.SelectStarMatchesSpec("apt_sources", $"select name, pid_with_namespace from apt_sources where pid_with_namespace = {Environment.ProcessId}");

        // This process shares the test's mount namespace, so its /proc/<pid>/root shows the same files.
        Assert.Equal(live.Rows.Select(r => r[0]), self.Rows.Select(r => r[0]));
        Assert.All(self.Rows, r => Assert.Equal((long)Environment.ProcessId, r[1]));
        Assert.All(live.Rows, r => Assert.Equal(0L, r[1]));
    }

    [Fact]
    public void Query_DamagedFiles_ReadableEntriesOnly()
    {
        var rows = Fixtures.Query("damaged", "select name, components from apt_sources").Rows();

        // The truncated deb822 paragraph still names its URI and suite; the one-line file keeps its one whole line.
        Assert.Equal(["ok.example.org/debian trixie", "deb.debian.org/debian bookworm"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("main contr", rows[1]["components"]);
    }

    [Fact]
    public void ParseList_OptionsCommentsAndCdrom_SuiteAndComponents()
    {
        var sources = AptSource.ParseList("""
            deb [signed-by=/k.gpg arch=arm64] http://a.example/x/ jammy main universe # trailing
            #deb http://b.example/x jammy main
            deb cdrom:[Label With Blanks]/ jammy main
            deb	http://c.example/x	noble	main
            """u8);
        Assert.Equal(
            [("http://a.example/x", "jammy", "main universe", "arm64"), ("http://c.example/x", "noble", "main", "")],
            sources.Select(s => (s.BaseUri, s.Suite, s.Components, s.Architectures)));
        Assert.Equal("a.example_x_dists_jammy_", sources[0].ListsPrefix);
    }

    [Fact]
    public void ParseDeb822_SeveralUrisAndSuites_OneSourceEach()
    {
        var sources = AptSource.ParseDeb822("""
            Types: deb deb-src
            URIs: http://a.example/d https://b.example/d/
            Suites: trixie trixie-updates
            Components: main contrib
            Architectures: amd64 arm64
            Enabled: yes

            Types: deb
            URIs: http://c.example/d
            Suites: sid
            Enabled: false
            """u8);
        Assert.Equal(4, sources.Count);
        Assert.Equal(["a.example/d trixie", "a.example/d trixie-updates", "b.example/d trixie", "b.example/d trixie-updates"], sources.Select(s => s.Name));
        Assert.All(sources, s => Assert.Equal(("main contrib", "amd64 arm64"), (s.Components, s.Architectures)));
    }
}
