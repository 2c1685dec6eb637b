// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>Globs and bounded reads: hostile paths are refused, never waited on.</summary>
public sealed class RuleFileReaderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-rules-").FullName;

    [Fact]
    public void Expand_Glob_SortedAndMissingReported()
    {
        File.WriteAllText(Path.Join(dir, "b.yaml"), "");
        File.WriteAllText(Path.Join(dir, "a.yaml"), "");
        File.WriteAllText(Path.Join(dir, "c.txt"), "");
        var warnings = new List<string>();
        var files = RuleFileReader.Expand(["*.yaml", "/nonexistent/*.yaml"], dir, warnings);
        Assert.Equal([Path.Join(dir, "a.yaml"), Path.Join(dir, "b.yaml")], files);
        Assert.Contains(warnings, w => w.Contains("/nonexistent/*.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Fifo_RefusedWithoutBlocking()
    {
        var fifo = Path.Join(dir, "rules.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var file = RuleFileReader.Read(fifo);
        Assert.Empty(file.Entries);
        Assert.Contains("not a regular file (fifo)", Assert.Single(file.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DevZeroAndProc_Refused()
    {
        Assert.Contains("not a regular file", Assert.Single(RuleFileReader.Read("/dev/zero").Diagnostics).Message, StringComparison.Ordinal);
        Assert.Contains("kernel", Assert.Single(RuleFileReader.Read("/proc/self/status").Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_BadFileBetweenGoodOnes_OthersStillCompile()
    {
        File.WriteAllText(Path.Join(dir, "1.yaml"), Compile.Base + "\n- rule: R\n  desc: x\n  condition: spawned_process\n  output: o\n  priority: NOTICE\n");
        File.WriteAllText(Path.Join(dir, "2.yaml"), "- rule: [broken\n");
        File.WriteAllText(Path.Join(dir, "3.yaml"), "- rule: S\n  desc: x\n  condition: spawned_process and proc.name = sh\n  output: o\n  priority: NOTICE\n");
        var report = RuleFileReader.Compile([Path.Join(dir, "*.yaml")], null, new List<string>());
        Assert.Equal(["R", "S"], report.Queries.Select(q => q.QueryName.ToUpperInvariant()));
        var d = Assert.Single(report.Diagnostics);
        Assert.EndsWith("2.yaml", d.Position.File, StringComparison.Ordinal);
        Assert.InRange(d.Position.Line, 1, 2);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
