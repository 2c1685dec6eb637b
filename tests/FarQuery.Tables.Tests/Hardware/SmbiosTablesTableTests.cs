// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FarQuery.Core;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class SmbiosTablesTableTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("farquery-smbios-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>One structure: header (type, length, handle), formatted bytes, then the string set, or the two NULs
    /// of a structure without strings.</summary>
    private static byte[] Structure(byte type, ushort handle, int formatted, params string[] strings)
    {
        var bytes = new List<byte> { type, (byte)(4 + formatted), (byte)handle, (byte)(handle >> 8) };
        bytes.AddRange(Enumerable.Range(1, formatted).Select(i => (byte)i));
        foreach (var s in strings)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(s));
            bytes.Add(0);
        }

        if (strings.Length == 0)
        {
            bytes.Add(0);
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private static readonly byte[][] Structures =
    [
        Structure(0, 0x0000, 0x14, "Amazon EC2", "1.0", "10/16/2017"),
        Structure(1, 0x0001, 0x17, "Amazon EC2", "t3.micro", "ec2abcd1-2345-6789-abcd-ef0123456789"),
        Structure(32, 0x0020, 0x07),
        Structure(200, 0x00c8, 0x02, "OEM"),
        Structure(127, 0xfeff, 0),
    ];

    private void WriteTables(byte[] table, byte[]? entryPoint)
    {
        var dir = Path.Join(root, "sys", "firmware", "dmi", "tables");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Join(dir, "DMI"), table);
        if (entryPoint is not null)
        {
            File.WriteAllBytes(Path.Join(dir, "smbios_entry_point"), entryPoint);
        }
    }

    private static byte[] Sm3EntryPoint(uint maxSize)
    {
        var ep = new byte[0x18];
        "_SM3_"u8.CopyTo(ep);
        ep[5] = 0; // checksum: not verified by the kernel's export nor by us
        ep[6] = 0x18;
        ep[7] = 3;
        ep[8] = 2;
        BinaryPrimitives.WriteUInt32LittleEndian(ep.AsSpan(0x0C), maxSize);
        return ep;
    }

    [Fact]
    public void SelectStar_LiveMachine_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("smbios_tables", expect: File.Exists("/sys/firmware/dmi/tables/DMI") ? Expect.Rows : Expect.NoRows);
    }

    [Fact]
    public void Query_BuiltTable_OneRowPerStructureWithSizesAndMd5()
    {
        var table = Structures.SelectMany(s => s).ToArray();
        WriteTables([.. table, .. "trailing firmware padding"u8], Sm3EntryPoint((uint)table.Length));
        using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(root) });
        var rows = host.Query("select * from smbios_tables order by number").Rows();

        Assert.Equal(Structures.Length, rows.Count);
        Assert.Equal([0L, 1L, 32L, 200L, 127L], rows.Select(r => r["type"]));
        Assert.Equal(["BIOS Information", "System Information", "System Boot Information", "Unknown", "End-of-Table"], rows.Select(r => r["description"]));
        Assert.Equal([0L, 1L, 0x20L, 0xc8L, 0xfeffL], rows.Select(r => r["handle"]));
        Assert.Equal([0x18L, 0x1bL, 0x0bL, 0x06L, 0x04L], rows.Select(r => r["header_size"]));
        Assert.Equal(Structures.Select(s => (object?)(long)s.Length), rows.Select(r => r["size"]));
        Assert.Equal(Structures.Select(s => (object?)Convert.ToHexStringLower(MD5.HashData(s))), rows.Select(r => r["md5"]));
        Assert.Equal([0L, 1L, 2L, 3L, 4L], rows.Select(r => r["number"]));
    }

    [Fact]
    public void Query_EntryPointShorterThanFile_StopsAtDeclaredLength()
    {
        var table = Structures.SelectMany(s => s).ToArray();
        WriteTables(table, Sm3EntryPoint((uint)(Structures[0].Length + Structures[1].Length)));
        using var host = TableAssert.Host(new TableContext { Fs = new HostFileSystem(root) });
        Assert.Equal([[0L], [1L]], host.Query("select type from smbios_tables order by number").Rows);
    }

    [Fact]
    public void Parse_TruncatedStringSet_StopsBeforeIt()
    {
        var table = Structures[0].Concat(Structures[1][..^3]).ToArray();
        Assert.Equal([0], SmbiosStructures.Parse(table).Select(s => (int)s.Type));
    }

    [Fact]
    public void TableLength_Smbios2EntryPoint_ReadsDmiAnchorLength()
    {
        var ep = new byte[0x1F];
        "_SM_"u8.CopyTo(ep);
        "_DMI_"u8.CopyTo(ep.AsSpan(0x10));
        BinaryPrimitives.WriteUInt16LittleEndian(ep.AsSpan(0x16), 0x1234);
        Assert.Equal(0x1234, SmbiosStructures.TableLength(ep));
        Assert.Null(SmbiosStructures.TableLength("garbage"u8));
    }

    [Fact]
    public void Query_NoDmi_IsEmpty()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from smbios_tables").Rows);
    }
}
