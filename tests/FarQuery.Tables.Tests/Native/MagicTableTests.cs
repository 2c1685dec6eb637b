// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Native;

public sealed class MagicTableTests
{
    [Fact]
    public void SelectStar_ElfFixture_DescribesAStaticExecutable()
    {
        if (!NativeTableAssert.Loaded(Interop.Magic.Library))
        {
            return;
        }

        var result = TableAssert.SelectStarMatchesSpec("magic", "select * from magic where path = '/bin/tiny'", Fixtures.Context(NativeTableAssert.Scenario));
        var row = Assert.Single(result.Rows());
        Assert.StartsWith("ELF 64-bit LSB executable", (string?)row["data"], StringComparison.Ordinal);
        Assert.Equal("application/x-executable", row["mime_type"]);
        Assert.Equal("binary", row["mime_encoding"]);
        Assert.Equal("", row["magic_db_files"]);
    }

    [Fact]
    public void Query_TextFixture_GivesPlainAsciiText()
    {
        if (!NativeTableAssert.Loaded(Interop.Magic.Library))
        {
            return;
        }

        var row = Assert.Single(Fixtures.Query(NativeTableAssert.Scenario, "select data, mime_type, mime_encoding from magic where path = '/srv/notes.txt'").Rows);
        Assert.Equal(new object?[] { "ASCII text", "text/plain", "us-ascii" }, row);
    }

    [Fact]
    public void Query_PatternAndMissingFile_OneRowPerExistingRegularFile()
    {
        if (!NativeTableAssert.Loaded(Interop.Magic.Library))
        {
            return;
        }

        var rows = Fixtures.Query(NativeTableAssert.Scenario, "select path from magic where path like '/srv/%' or path = '/srv/missing'").Rows;
        Assert.Equal(["/srv/notes.txt", "/srv/sample.bin"], rows.Select(r => (string)r[0]!).Order());
    }

    [Fact]
    public void Query_UnknownMagicDatabase_FailsWithLibmagicsReason()
    {
        if (!NativeTableAssert.Loaded(Interop.Magic.Library))
        {
            return;
        }

        using var host = TableAssert.Host(Fixtures.Context(NativeTableAssert.Scenario));
        var e = Assert.Throws<FarQuery.Sql.SqlQueryException>(() => host.Query("select data from magic where path = '/srv/notes.txt' and magic_db_files = '/nonexistent/magic.mgc'"));
        Assert.Contains("cannot load the magic database /nonexistent/magic.mgc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_LibraryAbsent_FailsNamingThePackage()
    {
        var message = NativeTableAssert.AbsentLibraryError((l, m) => new NativeLibraries { Magic = m }, "select * from magic where path = '/srv/notes.txt'");
        Assert.Contains("magic: libfarquery-absent.so.404 not found; install the Debian package libabsent9", message, StringComparison.Ordinal);
    }
}
