// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Text;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The amzn2023 fixture's rpmdb (see RpmPackagesTableTests) holds two packages of one file each, written by
/// rpm 4.18 with SHA-256 file digests. The multi-file and damaged cases use hand-made header blobs.</summary>
public sealed class RpmPackageFilesTableTests
{
    [Fact]
    public void SelectStar_Amzn2023_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("rpm_package_files", context: Fixtures.Context("amzn2023")).Rows();
        Assert.Equal(["/usr/share/fq/sample1.txt", "/usr/share/fq/sample2.txt"], rows.Select(r => (string)r["path"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Query_AmazonLinuxRpmdb_EveryField()
    {
        var row = Assert.Single(Fixtures.Query("amzn2023", "select * from rpm_package_files where package = 'fq-sample2'").Rows());
        Assert.Equal("/usr/share/fq/sample2.txt", row["path"]);
        Assert.Equal("root", row["username"]);
        Assert.Equal("root", row["groupname"]);
        Assert.Equal("0644", row["mode"]);
        Assert.Equal(8L, row["size"]);
        Assert.Equal("4d254cf266d7346dcd5e1c03f40dd10847724f2ee6fe611305719ac76d07eefd", row["sha256"]);
    }

    [Fact]
    public void ParseFiles_SeveralDirectories_PathsJoinedAndMd5DigestsLeftOut()
    {
        var blob = Header(
            (1000, 6, Strings("bash")),
            (1116, 4, Ints(4, 0, 1, 1, 7)),
            (1117, 8, Strings("bin", "bash", "sh", "stray")),
            (1118, 8, Strings("/usr/", "/usr/bin/")),
            (1030, 3, Ints(2, 0x41ED, 0x81ED, 0xA1FF, 0x81A4)),
            (1028, 4, Ints(4, 0, 1234, 4, 1)),
            (1035, 8, Strings("", "d41d8cd98f00b204e9800998ecf8427e", "", "x")),
            (1039, 8, Strings("root", "root", "root", "root")));
        var files = RpmHeader.ParseFiles(blob);
        Assert.Equal(["/usr/bin", "/usr/bin/bash", "/usr/bin/sh"], files.Select(f => f.Path));
        Assert.Equal([0x41ED, 0x81ED, 0xA1FF], files.Select(f => f.Mode!.Value));
        Assert.Equal(1234L, files[1].Size);
        Assert.All(files, f => Assert.Equal("", f.Sha256));
        Assert.All(files, f => Assert.Equal("", f.Group));
    }

    [Fact]
    public void ParseFiles_TruncatedBlob_NeverThrows()
    {
        var blob = Header((1000, 6, Strings("zlib")), (1116, 4, Ints(4, 0)), (1117, 8, Strings("libz.so.1")), (1118, 8, Strings("/usr/lib64/")));
        Assert.Equal("/usr/lib64/libz.so.1", Assert.Single(RpmHeader.ParseFiles(blob)).Path);
        for (var n = 0; n < blob.Length; n++)
        {
            Assert.Empty(RpmHeader.ParseFiles(blob.AsSpan(0, n)));
        }
    }

    private static byte[] Strings(params string[] s) => [.. s.SelectMany(x => Encoding.UTF8.GetBytes(x + "\0"))];

    private static byte[] Ints(int width, params int[] values)
    {
        var bytes = new byte[width * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (width == 2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), (ushort)values[i]);
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
            }
        }

        return bytes;
    }

    /// <summary>An rpmdb header blob (big-endian counts, 16-byte index entries, data store); entries are 4-byte aligned.</summary>
    private static byte[] Header(params (int Tag, int Type, byte[] Data)[] entries)
    {
        var index = new List<byte>();
        var data = new List<byte>();
        foreach (var (tag, type, bytes) in entries)
        {
            while (data.Count % 4 != 0)
            {
                data.Add(0);
            }

            var count = type is 6 or 8 ? bytes.Count(b => b == 0) : bytes.Length / (type == 3 ? 2 : 4);
            var e = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(e, tag);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(4), type);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(8), data.Count);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(12), count);
            index.AddRange(e);
            data.AddRange(bytes);
        }

        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, entries.Length);
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(4), data.Count);
        return [.. head, .. index, .. data];
    }
}
