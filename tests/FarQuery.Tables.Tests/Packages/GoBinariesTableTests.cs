// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The fixture executables are minimal ELF files written by a script around the real .go.buildinfo section
/// of a go1.19.8 build of example.com/hello (which requires example.com/lib v1.2.3, replaced by ../lib); the full
/// binary is 1.8 MB, too big to commit. The live test builds a real binary with `go build` when go is installed.</summary>
public sealed class GoBinariesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("go_binaries", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_GoBuildInfo_FleetdColumnsOneRowPerBinary()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select name, version, module_path, import_path, go_version, installed_path, kind from go_binaries where path = '/app/bin/hello'").Rows());
        Assert.Equal("hello", row["name"]);
        Assert.Equal("(devel)", row["version"]);
        Assert.Equal("example.com/hello", row["module_path"]);
        Assert.Equal("example.com/hello", row["import_path"]);
        Assert.Equal("go1.19.8", row["go_version"]);
        Assert.Equal("/app/bin/hello", row["installed_path"]);
        Assert.Equal("main", row["kind"]);
    }

    [Fact]
    public void Query_KindDep_AddsTheReplacedDependency()
    {
        var rows = Fixtures.Query("debian12", "select * from go_binaries where installed_path = '/app/bin/hello' and kind in ('main', 'dep') order by kind desc").Rows();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("go1.19.8", r["go_version"]));
        Assert.All(rows, r => Assert.Equal("example.com/hello", r["main_package"]));
        Assert.All(rows, r => Assert.Equal(("hello", "example.com/hello"), ((string)r["name"]!, (string)r["module_path"]!)));
        Assert.Equal(("main", "example.com/hello", "(devel)", ""), ((string)rows[0]["kind"]!, (string)rows[0]["module"]!, (string)rows[0]["version"]!, (string)rows[0]["replaced_by"]!));
        Assert.Equal(("dep", "example.com/lib", "v1.2.3", "../lib (devel)"), ((string)rows[1]["kind"]!, (string)rows[1]["module"]!, (string)rows[1]["version"]!, (string)rows[1]["replaced_by"]!));
    }

    [Fact]
    public void Query_FleetSoftwareGoBinaries_OneRowPerBinary()
    {
        // Fleet's software_go_binaries detail query, as Fleet sends it.
        var rows = Fixtures.Query("debian12", "SELECT name AS name, version AS version, '' AS extension_id, '' AS extension_for, 'go_binaries' AS source, "
            + "'' AS release, '' AS vendor, '' AS arch, installed_path AS installed_path FROM go_binaries WHERE installed_path LIKE '/app/%' ORDER BY name").Rows();
        Assert.Equal(["hello", "stripped"], rows.Select(r => (string)r["name"]!));
        Assert.Equal("(devel)", rows[0]["version"]);
    }

    [Fact]
    public void Query_AppDirectory_OnlyGoBinariesGiveRows()
    {
        // notgo (ELF without .go.buildinfo) and run.sh (not ELF) give nothing; stripped has no section table and is
        // found by scanning for the magic.
        var paths = Fixtures.Query("debian12", "select distinct path from go_binaries where directory = '/app' order by path").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["/app/bin/hello", "/app/bin/stripped"], paths);
        var main = Fixtures.Query("debian12", "select module from go_binaries where path = '/app/bin/stripped' and kind = 'main'").Rows;
        Assert.Equal("example.com/strip", Assert.Single(main)[0]);
    }

    [Fact]
    public void Query_DamagedBinaries_NoRowsNoCrash()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from go_binaries where directory = '/app'").Rows);
    }

    [Fact]
    public void TryParse_EveryTruncation_FalseOrConsistent()
    {
        var bytes = File.ReadAllBytes(Path.Join(Fixtures.Root("debian12"), "app", "bin", "hello"));
        var start = bytes.AsSpan().IndexOf(GoBuildInfo.Magic);
        Assert.True(GoBuildInfo.TryParse(bytes.AsSpan(start), out var full));
        for (var n = 0; n < 60; n++)
        {
            Assert.False(GoBuildInfo.TryParse(bytes.AsSpan(start, n), out _));
        }

        Assert.Equal(2, full.Modules.Count);
    }

    [Fact]
    public void Query_BinaryBuiltWithGo_IsListedWithItsModule()
    {
        if (Fixtures.Run("go", "version") is null)
        {
            // go is not among the packages .ci/run installs, so this skips on CI too; the fixture tests cover parsing.
            Console.Error.WriteLine("SKIPPED: go is not installed; install golang-go to build a real Go binary for go_binaries");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("fq-go-");
        try
        {
            File.WriteAllText(Path.Join(dir.FullName, "go.mod"), "module example.com/farquerytest\n\ngo 1.18\n");
            File.WriteAllText(Path.Join(dir.FullName, "main.go"), "package main\n\nfunc main() {}\n");
            var psi = new System.Diagnostics.ProcessStartInfo("go", ["build", "-o", "probe", "."]) { WorkingDirectory = dir.FullName, RedirectStandardError = true };
            psi.Environment["GOCACHE"] = Path.Join(Path.GetTempPath(), "farquery-go-cache");
            psi.Environment["GOFLAGS"] = "-mod=mod";
            using (var p = System.Diagnostics.Process.Start(psi)!)
            {
                var err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, "go build failed: " + err);
            }

            using var host = TableAssert.Host();
            var path = Path.Join(dir.FullName, "probe");
            var row = Assert.Single(host.Query($"select kind, module, go_version from go_binaries where path = '{path}'").Rows());
            Assert.Equal("main", row["kind"]);
            Assert.Equal("example.com/farquerytest", row["module"]);
            Assert.StartsWith("go1.", (string)row["go_version"]!);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
