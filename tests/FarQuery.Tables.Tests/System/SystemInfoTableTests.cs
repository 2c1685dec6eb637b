// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class SystemInfoTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var row = Assert.Single(TableAssert.SelectStarMatchesSpec("system_info").Rows());
        Assert.True(Environment.ProcessorCount <= (long)row["cpu_logical_cores"]!);
        Assert.True((long)row["physical_memory"]! > 0);
        Assert.Equal(36, ((string)row["uuid"]!).Length);
    }

    [Fact]
    public void Query_Debian12_ReadsHostnameMachineIdCpuAndMemory()
    {
        var root = Fixtures.Root("debian12");
        var row = Assert.Single(Fixtures.Query("debian12", "select * from system_info").Rows());
        Assert.Equal("vm", row["hostname"]);
        Assert.Equal(Guid.ParseExact(File.ReadAllText(Path.Join(root, "etc/machine-id")).Trim(), "N").ToString().ToUpperInvariant(), row["uuid"]);
        Assert.Equal((long)File.ReadAllLines(Path.Join(root, "proc/cpuinfo")).Count(l => l.StartsWith("processor", StringComparison.Ordinal)), row["cpu_logical_cores"]);
        var memTotal = File.ReadAllLines(Path.Join(root, "proc/meminfo")).First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Equal(long.Parse(memTotal, System.Globalization.CultureInfo.InvariantCulture) * 1024, row["physical_memory"]);
    }

    [Fact]
    public void Query_AmazonDmi_ReadsVendorModelAndProductUuid()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select uuid, hardware_vendor, hardware_model from system_info").Rows);
        Assert.Equal(["EC2E1916-9099-7CAF-FD21-012345678901", "Amazon EC2", "m5.large"], row);
    }

    [Fact]
    public void Query_GravitonCpuinfo_DescribesArmCpu()
    {
        // arm64 kernels print no "model name" and no topology: the brand comes from implementer/part, cores from blocks.
        var row = Assert.Single(Fixtures.Query("amzn2023", "select cpu_brand, cpu_subtype, cpu_logical_cores, cpu_physical_cores, cpu_sockets, physical_memory from system_info").Rows);
        Assert.Equal(new object?[] { "ARM 0xd40", "0xd40", 2L, 2L, 1L, 3931452L * 1024 }, row);
    }

    [Fact]
    public void Query_DamagedCpuinfo_CountsWhatItCanRead()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select cpu_brand, cpu_logical_cores, cpu_physical_cores, cpu_sockets, cpu_microcode, cpu_subtype, physical_memory, uuid from system_info").Rows);
        Assert.Equal(["Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", 3L, 1L, 1L, "0x5003604", "85", 3970000L * 1024, ""], row);
    }
}
