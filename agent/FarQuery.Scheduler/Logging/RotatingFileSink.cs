// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Scheduler.Logging;

/// <summary>osquery's filesystem logger: results to <c>osqueryd.results.log</c>, snapshots to
/// <c>osqueryd.snapshots.log</c>, status to <c>osqueryd.INFO.log</c> style JSON lines, each rotated by size
/// (<c>logger_rotate_size</c>, keeping <c>logger_rotate_max_files</c>).</summary>
public sealed class RotatingFileSink : ILogSink
{
    private readonly Lock gate = new();
    private readonly string directory;
    private readonly long maxBytes;
    private readonly int maxFiles;
    private long dropped;

    /// <summary>Creates the sink; the directory is created when missing.</summary>
    public RotatingFileSink(string directory, long maxBytes = 25 * 1024 * 1024, int maxFiles = 5)
    {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxFiles = Math.Max(1, maxFiles);
        Directory.CreateDirectory(directory);
    }

    /// <inheritdoc/>
    public string Name => "filesystem";

    /// <inheritdoc/>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>The file a kind of line goes to.</summary>
    public string PathFor(LogKind kind) => Path.Join(directory, kind switch
    {
        LogKind.Snapshot => "osqueryd.snapshots.log",
        LogKind.Status => "osqueryd.status.log",
        _ => "osqueryd.results.log",
    });

    /// <inheritdoc/>
    public void Write(LogKind kind, string line)
    {
        var path = PathFor(kind);
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (gate)
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Exists && info.Length + bytes.Length > maxBytes)
                {
                    Rotate(path);
                }

                using var f = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                f.Write(bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or read-only disk costs the file copy of the line, counted; stdout still has it.
                dropped++;
            }
        }
    }

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout)
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Rotate(string path)
    {
        // path.(N-1) is dropped, path.k → path.(k+1), path → path.1.
        var oldest = path + "." + (maxFiles - 1);
        if (File.Exists(oldest))
        {
            File.Delete(oldest);
        }

        for (var k = maxFiles - 2; k >= 1; k--)
        {
            var from = path + "." + k;
            if (File.Exists(from))
            {
                File.Move(from, path + "." + (k + 1), overwrite: true);
            }
        }

        if (maxFiles > 1)
        {
            File.Move(path, path + ".1", overwrite: true);
        }
        else
        {
            File.Delete(path);
        }
    }
}
