// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class KernelInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_MatchesUname()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("kernel_info").Rows);
        if (Fixtures.RequireTool("uname", "-r") is { } release)
        {
            Assert.Equal(release.Trim(), row[0]);
        }
    }

    [Fact]
    public void Query_BootLoaderCmdline_SplitsImageAndRootDevice()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select path, device, arguments from kernel_info").Rows);
        Assert.Equal("/boot/vmlinuz-5.10.0-28-cloud-amd64", row[0]);
        Assert.Equal("UUID=1d2a7c8e-0000-4000-8000-000000000001", row[1]);
        Assert.Equal("ro console=tty0 console=ttyS0,115200", row[2]);
    }

    [Fact]
    public void Query_Debian12_ReadsOsrelease()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select version, path from kernel_info").Rows);
        Assert.Equal(File.ReadAllText(Path.Join(Fixtures.Root("debian12"), "proc/sys/kernel/osrelease")).Trim(), row[0]);
        Assert.Equal("", row[1]);
    }
}
