// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessNamespacesTableTests
{
    [Fact]
    public void SelectStar_LiveHost_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("process_namespaces");
    }

    [Theory]
    [InlineData("mnt")]
    [InlineData("net")]
    [InlineData("pid")]
    [InlineData("user")]
    [InlineData("uts")]
    [InlineData("ipc")]
    public void Query_OwnPid_InodeMatchesTheKernelsLink(string type)
    {
        var link = new FileInfo($"/proc/self/ns/{type}").LinkTarget!;
        var inode = link[(link.IndexOf('[', StringComparison.Ordinal) + 1)..^1];
        using var host = TableAssert.Host();
        var row = Assert.Single(host.Query($"select {type}_namespace from process_namespaces where pid = {Environment.ProcessId}").Rows);
        Assert.Equal(inode, row[0]);
    }

    [Fact]
    public void Query_Debian12_EveryNamespaceOfTheFixtureProcess()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from process_namespaces").Rows());
        Assert.Equal(4242L, row["pid"]);
        Assert.Equal("4026532246", row["cgroup_namespace"]);
        Assert.Equal("4026532243", row["ipc_namespace"]);
        Assert.Equal("4026532241", row["mnt_namespace"]);
        Assert.Equal("4026531833", row["net_namespace"]);
        Assert.Equal("4026532244", row["pid_namespace"]);
        Assert.Equal("4026531837", row["user_namespace"]);
        Assert.Equal("4026532242", row["uts_namespace"]);
    }

    [Fact]
    public void Query_PidConstraint_ReadsOnlyThatProcess()
    {
        var context = Fixtures.Context("debian12");
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from process_namespaces where pid = 999999").Rows);
        Assert.Equal(1, context.Fs.ProcessReads);
    }
}
