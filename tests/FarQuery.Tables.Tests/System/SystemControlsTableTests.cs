// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class SystemControlsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_ReadableControlsOnly()
    {
        var rows = TableAssert.SelectStarMatchesSpec("system_controls").Rows();
        var hostname = rows.Single(r => (string)r["name"]! == "kernel.hostname");
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/hostname").Trim(), hostname["current_value"]);
        Assert.Equal(("kernel", "", "string"), ((string)hostname["subsystem"]!, (string)hostname["oid"]!, (string)hostname["type"]!));

        // Write-only triggers cannot be read, even by root (proc applies the owner bits to uid 0): no row, no error.
        if (File.Exists("/proc/sys/vm/drop_caches"))
        {
            Assert.DoesNotContain(rows, r => (string)r["name"]! == "vm.drop_caches");
        }

        Assert.True(rows.Count > 100, $"only {rows.Count} controls");
    }

    [Fact]
    public void SelectStar_LiveContainer_EveryControlSysctlPrints()
    {
        var output = Fixtures.RequireTool("sysctl", "-a");
        if (output is null)
        {
            return;
        }

        // sysctl -a prints "name = value" for each readable control (it hides a few deprecated ones, which we keep).
        var ours = TableAssert.SelectStarMatchesSpec("system_controls", "select name from system_controls").Rows.Select(r => (string)r[0]!).ToHashSet();
        var theirs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(" = ", 2)[0]).ToHashSet();
        Assert.Empty(theirs.Except(ours));
    }

    [Fact]
    public void Query_LiveNameEquals_ReadsThatControl()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("system_controls", "select * from system_controls where name = 'kernel.ostype'").Rows());
        Assert.Equal("Linux", row["current_value"]);
    }

    [Fact]
    public void Query_Debian12_ValuesConfigAndDottedNames()
    {
        var rows = Fixtures.Query("debian12", "select * from system_controls").Rows().ToDictionary(r => (string)r["name"]!);
        Assert.Equal(
            ["kernel.arch", "kernel.hostname", "kernel.osrelease", "kernel.random.boot_id", "net.ipv4.ip_forward", "net.ipv4.tcp_rmem",
             "net.ipv4.conf.all.rp_filter", "net.ipv4.conf.eth0/100.rp_filter", "vm.swappiness"],
            Fixtures.Query("debian12", "select name from system_controls").Rows().Select(r => (string)r["name"]!));

        // /etc/sysctl.conf is applied after sysctl.d, so its 0 wins over 99-custom.conf's 1.
        Assert.Equal(("1", "0", "net"), ((string)rows["net.ipv4.ip_forward"]["current_value"]!, (string)rows["net.ipv4.ip_forward"]["config_value"]!, (string)rows["net.ipv4.ip_forward"]["subsystem"]!));

        // "-key" and slash-separated keys are normalised; files not named *.conf are not read.
        Assert.Equal(("60", "10"), ((string)rows["vm.swappiness"]["current_value"]!, (string)rows["vm.swappiness"]["config_value"]!));
        Assert.Equal("1", rows["net.ipv4.conf.eth0/100.rp_filter"]["config_value"]);
        Assert.Null(rows["net.ipv4.conf.all.rp_filter"]["config_value"]);
        Assert.Equal("4096\t131072\t6291456", rows["net.ipv4.tcp_rmem"]["current_value"]);
    }

    [Fact]
    public void Query_NameAndSubsystemConstraints_ReadOnlyThoseControls()
    {
        var one = Assert.Single(Fixtures.Query("debian12", "select name, current_value from system_controls where name = 'net.ipv4.conf.eth0/100.rp_filter'").Rows());
        Assert.Equal("2", one["current_value"]);
        Assert.Empty(Fixtures.Query("debian12", "select * from system_controls where name = 'net.ipv4' or name = 'kernel.//.//etc.passwd'").Rows);
        Assert.Equal(["vm.swappiness"], Fixtures.Query("debian12", "select name from system_controls where subsystem = 'vm'").Rows().Select(r => (string)r["name"]!));
    }

    [Fact]
    public void Query_UnreadableEntry_SkippedNotAnError()
    {
        var root = Directory.CreateTempSubdirectory("fq-sysctl-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(root, "proc/sys/kernel"));
            File.WriteAllText(Path.Join(root, "proc/sys/kernel/ostype"), "Linux\n");
            File.CreateSymbolicLink(Path.Join(root, "proc/sys/kernel/gone"), Path.Join(root, "nowhere"));
            var context = new FarQuery.Core.TableContext { Fs = new FarQuery.Core.HostFileSystem(root) };
            var rows = TableAssert.SelectStarMatchesSpec("system_controls", "select name from system_controls", context);
            Assert.Equal(["kernel.ostype"], rows.Rows.Select(r => (string)r[0]!));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Normalize_SlashSpelling_SwapsSeparators()
    {
        Assert.Equal("net.ipv4.conf.eth0/100.rp_filter", SysctlConf.Normalize("net/ipv4/conf/eth0.100/rp_filter"));
        Assert.Equal("net.ipv4.ip_forward", SysctlConf.Normalize("net.ipv4.ip_forward"));
    }
}
