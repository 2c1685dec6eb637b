// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class LastTableTests
{
    [Fact]
    public void SelectStar_Debian12_LoginsAndLogoutsOnly()
    {
        var rows = TableAssert.SelectStarMatchesSpec("last", context: Fixtures.Context("debian12")).Rows();
        Assert.All(rows, r => Assert.Contains((long)r["type"]!, new[] { 7L, 8L }));
    }

    [Fact]
    public void Query_Debian12_UserAndDeadProcessRecordsInFileOrder()
    {
        var rows = Fixtures.Query("debian12", "select * from last").Rows();
        Assert.Equal(
            [("admin", 7L, "user-process", 1732525200L), ("deploy", 7L, "user-process", 1732525300L), ("", 8L, "dead-process", 1732526000L)],
            rows.Select(r => ((string)r["username"]!, (long)r["type"]!, (string)r["type_name"]!, (long)r["time"]!)));
        Assert.Equal(("pts/1", 2044L, "198.51.100.2"), ((string)rows[1]["tty"]!, (long)rows[1]["pid"]!, (string)rows[1]["host"]!));
    }

    [Fact]
    public void Query_TruncatedWtmp_WholeRecordsOnly()
    {
        // Two whole records (the boot record, then admin's login) and part of a third.
        var row = Assert.Single(Fixtures.Query("damaged", "select username from last").Rows());
        Assert.Equal("admin", row["username"]);
    }

    [Fact]
    public void Query_WtmpWrittenByGlibc_SameRecords()
    {
        var dir = Directory.CreateTempSubdirectory("fq-last-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(dir, "var/log"));
            if (!UtmpFiles.TryWrite(Path.Join(dir, "var/log/wtmp"), [new(2, 0, "~", "reboot", "6.1.0", 100), new(7, 55, "pts/3", "alice", "10.0.0.9", 200), new(8, 55, "pts/3", "", "", 300)]))
            {
                return;
            }

            var rows = TableAssert.SelectStarMatchesSpec("last", null, new TableContext { Fs = new HostFileSystem(dir) }).Rows();
            Assert.Equal([("alice", "pts/3", 55L, 200L, "10.0.0.9"), ("", "pts/3", 55L, 300L, "")], rows.Select(r => ((string)r["username"]!, (string)r["tty"]!, (long)r["pid"]!, (long)r["time"]!, (string)r["host"]!)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
