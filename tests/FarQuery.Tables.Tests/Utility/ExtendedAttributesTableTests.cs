// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

/// <summary>Files get real user.* attributes with setxattr(2) in a directory beside the test binaries (a disk file
/// system: tmpfs before Linux 6.6 refuses user.* attributes).</summary>
public sealed class ExtendedAttributesTableTests : IDisposable
{
    private readonly string dir = Directory.CreateDirectory(Path.Join(AppContext.BaseDirectory, "fq-xattr-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void SelectStar_FileWithAttributes_RowsMatchSpec()
    {
        var file = WithAttributes("a.txt");
        var rows = TableAssert.SelectStarMatchesSpec("extended_attributes", $"select * from extended_attributes where path = '{file}'").Rows();
        Assert.All(rows, r => Assert.Equal(dir, r["directory"]));
        Assert.Equal(["user.fq.bin", "user.fq.empty", "user.fq.text", "user.fq.utf8"], rows.Select(r => (string)r["key"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Query_Values_TextOrBase64AsOsquery()
    {
        var file = WithAttributes("b.txt");
        var rows = Query($"select key, value, base64 from extended_attributes where path = '{file}' order by key");
        Assert.Equal(
            [["user.fq.bin", "AQID", 1L], ["user.fq.empty", "", 1L], ["user.fq.text", "hello world", 0L], ["user.fq.utf8", Convert.ToBase64String("héllo"u8), 1L]],
            rows);
    }

    [Fact]
    public void Query_DirectoryAndLike_ListEveryFile()
    {
        WithAttributes("c1.txt");
        WithAttributes("c2.txt");
        File.WriteAllText(Path.Join(dir, "plain.txt"), "no attributes");
        Assert.Equal(2, Query($"select distinct path from extended_attributes where directory = '{dir}'").Count);
        Assert.Equal(2, Query($"select distinct path from extended_attributes where path like '{dir}/c%'").Count);
    }

    [Fact]
    public void Query_MissingFileOrFifo_NoRowsNoBlock()
    {
        var fifo = Path.Join(dir, "fifo");
        Assert.Equal(0, global::Interop.Libc.mkfifo(fifo, 0x180));
        Assert.Empty(Query($"select * from extended_attributes where path in ('{dir}/missing', '{fifo}')"));
    }

    [Fact]
    public void Query_NoPathOrDirectory_RequiredColumnError()
    {
        var e = Assert.Throws<SqlQueryException>(() => Query("select * from extended_attributes"));
        Assert.Contains("required column", e.Message);
    }

    [Fact]
    public void Render_GstPtpHelperCapability_CapabilityText()
    {
        // security.capability of Debian's gst-ptp-helper (getcap: cap_net_bind_service,cap_net_admin=ep).
        var value = Convert.FromHexString("0100000200140000000000000000000000000000");
        Assert.Equal(("cap_net_bind_service,cap_net_admin=ep", false), ExtendedAttributesTable.Render("security.capability", value));
    }

    [Fact]
    public void Render_MixedAndDamagedCapabilities_ClausesOrBase64()
    {
        // Revision 2 without the effective flag: net_raw permitted, sys_ptrace permitted and inheritable, bpf (39) inheritable.
        var mixed = Convert.FromHexString("00000002" + "00200800" + "00000800" + "00000000" + "80000000");
        Assert.Equal(("cap_net_raw=p cap_sys_ptrace=ip cap_bpf=i", false), ExtendedAttributesTable.Render("security.capability", mixed));
        Assert.Equal(("AQAAAg==", true), ExtendedAttributesTable.Render("security.capability", Convert.FromHexString("01000002")));
    }

    private string WithAttributes(string name)
    {
        var path = Path.Join(dir, name);
        File.WriteAllText(path, "content");
        Set(path, "user.fq.text", "hello world\0"u8);
        Set(path, "user.fq.bin", [1, 2, 3]);
        Set(path, "user.fq.empty", []);
        Set(path, "user.fq.utf8", [.. "héllo"u8, 0]);
        return path;
    }

    private static unsafe void Set(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* v = value)
        {
            Assert.True(global::Interop.Libc.setxattr(path, name, v, (nuint)value.Length, 0) == 0, $"setxattr {name}: {(global::Interop.LastErrno)}");
        }
    }

    private static List<object?[]> Query(string sql)
    {
        using var host = TableAssert.Host();
        return host.Query(sql).Rows.ToList();
    }
}
