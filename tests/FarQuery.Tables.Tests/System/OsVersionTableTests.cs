// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class OsVersionTableTests
{
    private const string Columns = "select name, version, major, minor, patch, platform, platform_like, codename from os_version";

    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        Assert.Single(TableAssert.SelectStarMatchesSpec("os_version").Rows);
    }

    [Fact]
    public void Query_Debian12_ParsesOsRelease()
    {
        var row = Assert.Single(Fixtures.Query("debian12", Columns).Rows);
        Assert.Equal(["Debian GNU/Linux", "12 (bookworm)", 12L, 0L, 0L, "debian", "", "bookworm"], row);
    }

    [Fact]
    public void Query_Alpine_UsesVersionIdWhenVersionIsMissing()
    {
        var row = Assert.Single(Fixtures.Query("alpine", Columns).Rows);
        Assert.Equal(["Alpine Linux", "3.19.1", 3L, 19L, 1L, "alpine", "", ""], row);
    }

    [Fact]
    public void Query_AmazonLinux_ReadsQuotedValues()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", Columns).Rows);
        Assert.Equal(["Amazon Linux", "2023", 2023L, 0L, 0L, "amzn", "fedora", ""], row);
    }

    [Fact]
    public void Query_DamagedOsRelease_KeepsWhatCanBeRead()
    {
        var row = Assert.Single(Fixtures.Query("damaged", Columns).Rows);
        Assert.Equal(["Debian GNU/Lin", "11.", 11L, 0L, 0L, "debian", "", ""], row);
    }

    [Fact]
    public void Query_NoOsRelease_StillAnswersLinux()
    {
        var row = Assert.Single(Fixtures.Query("files", "select name, platform, arch from os_version").Rows);
        Assert.Equal("Linux", row[0]);
        Assert.Equal("linux", row[1]);
        Assert.False(string.IsNullOrEmpty((string?)row[2]));
    }

    [Fact]
    public void Query_PidWithNamespaceOfThisProcess_SameRowWithItsMountNamespace()
    {
        using var host = TableAssert.Host();
        var pid = Environment.ProcessId;

        var direct = host.Query("select name, version from os_version").Rows.Single();
        var inNamespace = host.Query($"select name, version, pid_with_namespace, mount_namespace_id from os_version where pid_with_namespace = {pid}").Rows.Single();

        var link = new FileInfo("/proc/self/ns/mnt").LinkTarget!;
        Assert.Equal(direct, inNamespace[..2]);
        Assert.Equal((long)pid, inNamespace[2]);
        Assert.Equal(link[(link.IndexOf('[') + 1)..^1], inNamespace[3]);
    }
}
