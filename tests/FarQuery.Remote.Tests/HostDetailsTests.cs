// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Remote.Tls;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Remote.Tests;

/// <summary>host_details for enrollment, over the real table registry and a fixture root.</summary>
public sealed class HostDetailsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("farquery-root-").FullName;

    [Fact]
    public void Collect_FixtureRoot_GivesStringDetailsFleetReads()
    {
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "os-release"), "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\nVERSION_CODENAME=bookworm\n");
        File.WriteAllText(Path.Combine(root, "etc", "machine-id"), "0123456789abcdef0123456789abcdef\n");
        using var host = new SqlHost(TableRegistry.All, new TableContext { Fs = new HostFileSystem(root) });

        var details = HostDetails.Collect(host);

        Assert.NotEmpty(details["osquery_info"]["version"]);
        Assert.NotEmpty(details["system_info"]["hostname"]);
        Assert.NotEmpty(details["system_info"]["uuid"]);
        Assert.Equal("debian", details["os_version"]["platform"]);
        Assert.Equal("12", details["os_version"]["major"]);
        Assert.DoesNotContain(details.Values.SelectMany(t => t.Values), v => v is null);
    }

    [Fact]
    public void Collect_RootWithoutIdentity_StillGivesFleetAHostnameAndUuid()
    {
        // An empty root: no /etc/hostname, no DMI, no machine-id, no boot_id: the tables give empty values.
        var context = new TableContext { Fs = new HostFileSystem(root) };
        using var host = new SqlHost(TableRegistry.All, context);

        var details = HostDetails.Collect(host);

        Assert.Equal(context.Agent.InstanceId, details["system_info"]["uuid"]);
        Assert.Equal(context.Agent.InstanceId, details["osquery_info"]["uuid"]);
        Assert.Equal(Environment.MachineName, details["system_info"]["hostname"]);
        Assert.Equal(AgentInfo.OsqueryVersion, details["osquery_info"]["version"]);
    }

    [Fact]
    public void Collect_TablesMissingFromTheBuild_AreLeftOutButTheHostIsNamed()
    {
        using var host = new SqlHost([], new TableContext());

        var details = HostDetails.Collect(host);

        Assert.Equal(["osquery_info", "system_info"], details.Keys.Order(StringComparer.Ordinal));
        Assert.NotEmpty(details["system_info"]["uuid"]);
        Assert.NotEmpty(details["system_info"]["hostname"]);
    }

    public void Dispose() => Directory.Delete(root, true);
}
