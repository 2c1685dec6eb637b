// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class LoggedInUsersTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpecWithoutInit()
    {
        var rows = TableAssert.SelectStarMatchesSpec("logged_in_users", context: Fixtures.Context("debian12")).Rows();
        Assert.DoesNotContain(rows, r => (long)r["pid"]! == 1);
    }

    [Fact]
    public void Query_Debian12_SessionsWithoutInitRecords()
    {
        var rows = Fixtures.Query("debian12", "select * from logged_in_users").Rows();

        // The run-level record belongs to pid 1 and is left out; the boot record (pid 0) stays, as in osquery.
        Assert.Equal(["boot_time", "login", "user", "dead"], rows.Select(r => (string)r["type"]!));
        var user = rows[2];
        Assert.Equal(("admin", "pts/0", "203.0.113.7", 1732525200L, 2001L), ((string)user["user"]!, (string)user["tty"]!, (string)user["host"]!, (long)user["time"]!, (long)user["pid"]!));
        Assert.Equal(("LOGIN", "tty1"), ((string)rows[1]["user"]!, (string)rows[1]["tty"]!));
        Assert.Equal("6.1.0-18-amd64", rows[0]["host"]);
    }

    [Fact]
    public void Parse_FileWrittenByGlibc_FieldsAtHeaderOffsets()
    {
        var dir = Directory.CreateTempSubdirectory("fq-liu-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(dir, "run"));
            var user32 = new string('u', 32);
            var host = "host-" + new string('h', 200) + ".example";
            if (!UtmpFiles.TryWrite(Path.Join(dir, "run/utmp"), [new(7, 4321, "pts/9", user32, host, 2_000_000_000), new(42, 7, "x", "y", "z", 5)]))
            {
                return;
            }

            // No /var/run in this tree: the table falls back to /run/utmp.
            var rows = TableAssert.SelectStarMatchesSpec("logged_in_users", null, new TableContext { Fs = new HostFileSystem(dir) }).Rows();
            Assert.Equal(2, rows.Count);

            // A name that fills ut_user has no NUL; the parser stops at the field's end, not in ut_host.
            Assert.Equal(("user", user32, "pts/9", host, 2_000_000_000L, 4321L), ((string)rows[0]["type"]!, (string)rows[0]["user"]!, (string)rows[0]["tty"]!, (string)rows[0]["host"]!, (long)rows[0]["time"]!, (long)rows[0]["pid"]!));
            Assert.Equal("unknown", rows[1]["type"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Parse_PartialTrailingRecord_LeftOut()
    {
        var bytes = File.ReadAllBytes(Path.Join(Fixtures.Root("debian12"), "var/run/utmp"));
        for (var length = 0; length <= bytes.Length; length += 97)
        {
            Assert.Equal(length / UtmpRecord.Size, UtmpRecord.Parse(bytes.AsSpan(0, length)).Count);
        }
    }
}
