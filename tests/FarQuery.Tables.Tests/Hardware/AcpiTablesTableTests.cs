// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class AcpiTablesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_OneRowPerReadableTable()
    {
        const string dir = "/sys/firmware/acpi/tables";
        var expected = new List<(string, long, string)>();
        if (Directory.Exists(dir))
        {
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                try
                {
                    var bytes = File.ReadAllBytes(file);
                    expected.Add((Path.GetFileName(file), bytes.Length, Convert.ToHexStringLower(MD5.HashData(bytes))));
                }
                catch (UnauthorizedAccessException)
                {
                    // Not root: the table skips unreadable files as well.
                }
            }
        }

        var rows = TableAssert.SelectStarMatchesSpec("acpi_tables", expect: expected.Count > 0 ? Expect.Rows : Expect.NoRows).Rows();
        Assert.Equal(expected, rows.Select(r => ((string)r["name"]!, (long)r["size"]!, (string)r["md5"]!)));
    }

    [Fact]
    public void Query_Fixture_NamesSizesAndMd5OfRealFirecrackerTables()
    {
        // Tables copied from a Firecracker microVM (the VMM Fargate runs on); sums from md5sum(1).
        var rows = Fixtures.Query("hardware", "select name, size, md5 from acpi_tables order by name").Rows;
        Assert.Equal(
            [
                ["APIC", 72L, "4088da5a5afaf3ba16516d3d75005f96"],
                ["DSDT", 3923L, "60447c61b171d76b7b09cec19d544c6d"],
                ["FACP", 276L, "2f19103478c3cc49e5de892ab7defe3a"],
                ["MCFG", 60L, "0825de06710734f2d0869af4e051f903"],
            ],
            rows);
    }

    [Fact]
    public void Query_NoAcpi_IsEmpty()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from acpi_tables").Rows);
    }
}
