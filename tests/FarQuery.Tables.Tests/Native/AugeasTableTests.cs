// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Native;

public sealed class AugeasTableTests
{
    [Fact]
    public void SelectStar_FixtureHosts_ReadsEachEntryThroughTheHostsLens()
    {
        if (!NativeTableAssert.Loaded(Interop.Augeas.Library))
        {
            return;
        }

        var rows = TableAssert.SelectStarMatchesSpec("augeas", "select * from augeas where path = '/etc/hosts'", Fixtures.Context(NativeTableAssert.Scenario)).Rows();
        Assert.Contains(rows, r => (string?)r["node"] == "/files/etc/hosts/1/ipaddr" && (string?)r["value"] == "127.0.0.1" && (string?)r["label"] == "ipaddr");
        Assert.Contains(rows, r => (string?)r["node"] == "/files/etc/hosts/3/canonical" && (string?)r["value"] == "ip-10-0-12-7.ec2.internal");
        Assert.Contains(rows, r => (string?)r["node"] == "/files/etc/hosts/3/alias" && (string?)r["value"] == "app");
        Assert.All(rows, r => Assert.Equal("/etc/hosts", r["path"]));
    }

    [Fact]
    public void Query_NodeConstraint_LoadsAllAndReportsTheSourceFile()
    {
        if (!NativeTableAssert.Loaded(Interop.Augeas.Library))
        {
            return;
        }

        var rows = Fixtures.Query(NativeTableAssert.Scenario, "select value, path from augeas where node = '/files/etc/hosts/2/ipaddr'").Rows;
        Assert.Equal(new object?[] { "::1", "/etc/hosts" }, Assert.Single(rows));
    }

    [Fact]
    public void Query_FileNoLensCovers_NoRows()
    {
        if (!NativeTableAssert.Loaded(Interop.Augeas.Library))
        {
            return;
        }

        Assert.Empty(Fixtures.Query(NativeTableAssert.Scenario, "select * from augeas where path = '/srv/notes.txt'").Rows);
    }

    [Fact]
    public void Query_LibraryAbsent_FailsNamingThePackage()
    {
        var message = NativeTableAssert.AbsentLibraryError((l, m) => new NativeLibraries { Augeas = m }, "select * from augeas where path = '/etc/hosts'");
        Assert.Contains("augeas: libfarquery-absent.so.404 not found; install the Debian package libabsent9", message, StringComparison.Ordinal);
    }
}
