// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Text;
using FarQuery.Sql;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The amzn2023 fixture's rpmdb.sqlite was written by rpm 4.18 (Debian's rpm package): two noarch packages
/// built with rpmbuild and installed with <c>rpm --root ... -i --justdb</c>, then vacuumed to 512-byte pages. The
/// damaged-input tests build their own database from hand-made header blobs.</summary>
public sealed class RpmPackagesTableTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("fq-rpm-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void SelectStar_Amzn2023_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("rpm_packages", context: Fixtures.Context("amzn2023"));
    }

    [Fact]
    public void Query_AmazonLinuxRpmdb_ReadsEveryField()
    {
        // Values as `rpm -qa --qf '%{NAME} %{EPOCH} ... %{SHA1HEADER}'` printed them for the fixture database.
        var row = Assert.Single(Fixtures.Query("amzn2023", "select * from rpm_packages where name = 'fq-sample2'").Rows());
        Assert.Equal("1.2.2", row["version"]);
        Assert.Equal("4.amzn2023", row["release"]);
        Assert.Equal(1L, row["epoch"]);
        Assert.Equal("noarch", row["arch"]);
        Assert.Equal(8L, row["size"]);
        Assert.Equal(1795608051L, row["install_time"]);
        Assert.Equal("a0b5e9da09f3ebb4a07ca37fd5e2b39401a4c639", row["sha1"]);
        Assert.Equal("fq-sample2-1.2.2-4.amzn2023.src.rpm", row["source"]);
        Assert.Equal("Amazon Linux", row["vendor"]);
        Assert.Equal("System Environment/Base", row["package_group"]);
    }

    [Fact]
    public void Query_AmazonLinuxRpmdb_ListsEveryPackage()
    {
        var rows = Fixtures.Query("amzn2023", "select name, epoch from rpm_packages order by name").Rows();
        Assert.Equal(["fq-sample1", "fq-sample2"], rows.Select(r => (string)r["name"]!));
        Assert.Equal(0L, rows[0]["epoch"]);
    }

    [Fact]
    public void Query_DamagedBlobs_SkipsThemAndKeepsTheRest()
    {
        var good = Header((1000, "openssl-libs"), (1001, "3.0.8"), (1002, "1.amzn2023.0.14"), (1022, "x86_64"), (1009, 6_123_456));
        var noEpochBadVendorOffset = Header((1000, "bash"), (1001, "5.2.15"), (1002, "3.amzn2023"), (1022, "x86_64"));
        WriteDatabase(good, good[..40], Encoding.ASCII.GetBytes("not a header at all"), [], Corrupt(noEpochBadVendorOffset));

        var rows = Query("select name, version, release, arch, size, epoch, vendor from rpm_packages order by name").Rows();
        Assert.Equal(["bash", "openssl-libs"], rows.Select(r => (string)r["name"]!));
        Assert.Null(rows[0]["epoch"]);
        Assert.Equal("", rows[0]["vendor"]);
        Assert.Equal("3.0.8", rows[1]["version"]);
        Assert.Equal(6_123_456L, rows[1]["size"]);
    }

    [Fact]
    public void Query_NotAnSqliteFile_ClearError()
    {
        Directory.CreateDirectory(Path.Join(root, "var/lib/rpm"));
        File.WriteAllText(Path.Join(root, "var/lib/rpm/rpmdb.sqlite"), "Berkeley DB is not SQLite\n");
        var e = Assert.Throws<SqlQueryException>(() => Query("select * from rpm_packages"));
        Assert.Contains("rpm_packages: cannot read", e.Message);
    }

    [Fact]
    public void TryParse_TruncatedHeader_False()
    {
        var blob = Header((1000, "zlib"), (1001, "1.2.11"));
        Assert.True(RpmHeader.TryParse(blob, out var h));
        Assert.Equal("zlib", h.Name);
        for (var n = 0; n < blob.Length; n++)
        {
            Assert.False(RpmHeader.TryParse(blob.AsSpan(0, n), out _));
        }
    }

    private QueryResult Query(string sql)
    {
        using var host = TableAssert.Host(new Core.TableContext { Fs = new Core.HostFileSystem(root) });
        return host.Query(sql);
    }

    private void WriteDatabase(params byte[][] blobs)
    {
        Directory.CreateDirectory(Path.Join(root, "var/lib/rpm"));
        using var c = new SqliteConnection($"Data Source={Path.Join(root, "var/lib/rpm/rpmdb.sqlite")};Pooling=False");
        c.Open();
        using (var create = c.CreateCommand())
        {
            // The schema rpm's sqlite backend creates for its package table.
            create.CommandText = "CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)";
            create.ExecuteNonQuery();
        }

        foreach (var blob in blobs)
        {
            using var insert = c.CreateCommand();
            insert.CommandText = "insert into Packages (blob) values ($b)";
            insert.Parameters.AddWithValue("$b", blob);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Points the last index entry's offset past the data store, as a bit flip in the database would.</summary>
    private static byte[] Corrupt(byte[] blob)
    {
        var il = BinaryPrimitives.ReadInt32BigEndian(blob);
        var copy = blob.ToArray();
        var entry = 8 + (16 * (il - 1));
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(entry), 1011);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(entry + 8), 1 << 20);
        return copy;
    }

    /// <summary>An rpmdb header blob: big-endian entry count and data length, 16-byte entries, then the data store.
    /// Strings are RPM_STRING_TYPE (6), integers RPM_INT32_TYPE (4), aligned to 4 bytes as rpm aligns them.</summary>
    private static byte[] Header(params (int Tag, object Value)[] entries)
    {
        var data = new List<byte>();
        var index = new List<byte>();
        foreach (var (tag, value) in entries)
        {
            int type;
            byte[] bytes;
            if (value is string s)
            {
                type = 6;
                bytes = [.. Encoding.UTF8.GetBytes(s), 0];
            }
            else
            {
                type = 4;
                while (data.Count % 4 != 0)
                {
                    data.Add(0);
                }

                bytes = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(bytes, (int)value);
            }

            var e = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(e, tag);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(4), type);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(8), data.Count);
            BinaryPrimitives.WriteInt32BigEndian(e.AsSpan(12), 1);
            index.AddRange(e);
            data.AddRange(bytes);
        }

        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, entries.Length);
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(4), data.Count);
        return [.. head, .. index, .. data];
    }
}
