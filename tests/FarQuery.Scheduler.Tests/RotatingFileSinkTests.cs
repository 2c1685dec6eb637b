// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Logging;

namespace FarQuery.Scheduler.Tests;

/// <summary>osquery's filesystem logger: one file per log kind, size rotation, and counted losses.</summary>
public sealed class RotatingFileSinkTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-logs-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Write_EachKind_GoesToOsquerysFile()
    {
        var sink = new RotatingFileSink(dir);
        sink.Write(LogKind.Result, "{\"r\":1}");
        sink.Write(LogKind.Snapshot, "{\"s\":1}");
        sink.Write(LogKind.Status, "{\"st\":1}");
        Assert.Equal("{\"r\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.results.log")));
        Assert.Equal("{\"s\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.snapshots.log")));
        Assert.Equal("{\"st\":1}\n", File.ReadAllText(Path.Join(dir, "osqueryd.status.log")));
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Write_PastTheSize_RotatesAndKeepsMaxFiles()
    {
        var sink = new RotatingFileSink(dir, maxBytes: 100, maxFiles: 3);
        var line = new string('a', 59);
        for (var i = 0; i < 6; i++)
        {
            sink.Write(LogKind.Result, i + line);
        }

        // 60-byte lines, 100-byte files: every line starts a new file; the newest is current, then .1, .2; older are gone.
        var results = Path.Join(dir, "osqueryd.results.log");
        Assert.StartsWith("5", File.ReadAllText(results), StringComparison.Ordinal);
        Assert.StartsWith("4", File.ReadAllText(results + ".1"), StringComparison.Ordinal);
        Assert.StartsWith("3", File.ReadAllText(results + ".2"), StringComparison.Ordinal);
        Assert.False(File.Exists(results + ".3"));
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Write_DirectoryReplacedByAFile_LineIsCountedAsLost()
    {
        var sink = new RotatingFileSink(dir);
        Directory.Delete(dir);
        File.WriteAllText(dir, "not a directory");
        try
        {
            sink.Write(LogKind.Result, "{}");
            Assert.Equal(1, sink.Dropped);
        }
        finally
        {
            File.Delete(dir);
            Directory.CreateDirectory(dir);
        }
    }
}
