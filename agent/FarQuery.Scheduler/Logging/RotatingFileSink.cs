// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using FarQuery.Core;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Scheduler.Logging;

/// <summary>osquery's filesystem logger: results to <c>osqueryd.results.log</c>, snapshots to
/// <c>osqueryd.snapshots.log</c>, status to <c>osqueryd.INFO.log</c> style JSON lines, each rotated by size
/// (<c>logger_rotate_size</c>, keeping <c>logger_rotate_max_files</c>).</summary>
/// <remarks>A line is only queued on the caller's thread (the scheduler's, or the start's for status lines); one writer
/// thread opens, writes and rotates, so a log path that blocks (a FIFO, a dead mount) stops that thread and never the
/// detections. Each kind's file stays open between lines and its size is counted here, so a line costs one write(2),
/// not an open, fstat and close. docs/osquery-compat.md §4 "The filesystem logger".</remarks>
public sealed class RotatingFileSink : ILogSink
{
    /// <summary>How often at most the writer checks that a file's path still names the open file, and how long it waits
    /// after a failed open, rotation or write before trying the path again.</summary>
    public static TimeSpan RecheckInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="Dispose"/> waits for the writer: the agent's whole exit has one second
    /// (docs/tracer.md §3.7, "After the app exits"), and the lines it could not write by then are lost anyway.</summary>
    public static TimeSpan DisposeBound { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>0600 for a created log file, as the description of <c>--logger_mode</c> (accepted without effect) says in
    /// <c>osquery_flags</c>: result lines can name the app's files and users.</summary>
    private const uint CreateMode = 0x180;

    private readonly WorkQueue<(LogKind Kind, string Line)> queue;
    private readonly LogFile[] files;
    private readonly long maxBytes;
    private readonly int maxFiles;
    private readonly TimeProvider time;

    /// <summary>Creates the sink and starts its writer thread; the directory is created when missing.</summary>
    /// <param name="directory">osquery's <c>--logger_path</c>.</param>
    /// <param name="maxBytes">osquery's <c>--logger_rotate_size</c>.</param>
    /// <param name="maxFiles">osquery's <c>--logger_rotate_max_files</c>, the current file included.</param>
    /// <param name="capacity">Lines queued at most; a line that does not fit is dropped and counted.</param>
    /// <param name="time">The clock of <see cref="RecheckInterval"/> (tests step it).</param>
    public RotatingFileSink(string directory, long maxBytes = 25 * 1024 * 1024, int maxFiles = 5, int capacity = 10_000, TimeProvider? time = null)
    {
        this.maxBytes = maxBytes;
        this.maxFiles = Math.Max(1, maxFiles);
        this.time = time ?? TimeProvider.System;
        Directory.CreateDirectory(directory);
        files = [.. new[] { LogKind.Result, LogKind.Snapshot, LogKind.Status }.Select(k => new LogFile(Path.Join(directory, FileName(k))))];
        queue = new WorkQueue<(LogKind Kind, string Line)>("farquery-log-filesystem", capacity, item => Append(files[(int)item.Kind], item.Line), CloseAll);
    }

    /// <inheritdoc/>
    public string Name => "filesystem";

    /// <inheritdoc/>
    public long Dropped => queue.Dropped;

    /// <summary>The file a kind of line goes to.</summary>
    public string PathFor(LogKind kind) => files[(int)kind].Path;

    /// <inheritdoc/>
    public void Write(LogKind kind, string line) => queue.Add((kind, line));

    /// <inheritdoc/>
    public void Flush(TimeSpan timeout) => queue.Flush(timeout);

    /// <summary>Writes what is queued within <see cref="DisposeBound"/> and ends the writer, which closes the files. A
    /// writer stuck in a system call is left to the process exit: its files stay open, as closing them under a write
    /// could hand their descriptor numbers to another file mid-write.</summary>
    public void Dispose()
    {
        var until = DateTime.UtcNow + DisposeBound;
        queue.Flush(DisposeBound);
        var left = until - DateTime.UtcNow;
        queue.Complete(TimeSpan.Zero, left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    private static string FileName(LogKind kind) => kind switch
    {
        LogKind.Snapshot => "osqueryd.snapshots.log",
        LogKind.Status => "osqueryd.status.log",
        _ => "osqueryd.results.log",
    };

    private void CloseAll()
    {
        foreach (var f in files)
        {
            f.Close();
        }
    }

    /// <summary>Writes one line to its file: reopens a file moved away, rotates a full one. False when the line is lost.</summary>
    private bool Append(LogFile file, string line)
    {
        var now = time.GetTimestamp();
        if (now < file.RetryAt)
        {
            // A path that failed a moment ago most likely fails again (a directory replaced, a full disk): the lines meanwhile
            // are counted lost without a system call, so a burst of results does not hammer a dead path line by line.
            return false;
        }

        if (file.Handle is not null && now >= file.CheckAt)
        {
            // logrotate-style rotation (rename or unlink, then the next lines expected in a new file) would otherwise leave
            // the lines going to a file nobody reads, for the rest of the run; a stat a second is the price.
            file.CheckAt = now + Ticks(RecheckInterval);
            if (!file.StillAtPath())
            {
                file.Close();
            }
        }

        // The exact count, not the maximum: a snapshot line can be megabytes, and a pooled buffer three times its size
        // would stay in the agent's memory.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(line) + 1);
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            bytes[length++] = (byte)'\n';
            if (!Open(file, now))
            {
                return false;
            }

            // As osquery's rotation: a file that the line would take past the size is rotated first, even an empty one. A
            // FIFO or device at the path is written to as it is, never renamed.
            if (file.Regular && file.Size + length > maxBytes)
            {
                file.Close();
                try
                {
                    Rotate(file.Path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    file.RetryAt = now + Ticks(RecheckInterval);
                    return false;
                }

                if (!Open(file, now))
                {
                    return false;
                }
            }

            if (!Interop.Libc.TryWriteAll(file.Handle!, bytes.AsSpan(0, length), out _))
            {
                // A full disk or a failing device; the file is reopened on the next try, which also notices a file
                // replaced meanwhile. stdout, when on, still has the line.
                file.Close();
                file.RetryAt = now + Ticks(RecheckInterval);
                return false;
            }

            file.Size += length;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Opens the file for appending unless it is open; a failure holds the path back for <see cref="RecheckInterval"/>.</summary>
    private bool Open(LogFile file, long now)
    {
        if (file.Handle is not null)
        {
            return true;
        }

        if (!file.TryOpen())
        {
            file.RetryAt = now + Ticks(RecheckInterval);
            return false;
        }

        file.CheckAt = now + Ticks(RecheckInterval);
        return true;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

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

    /// <summary>One kind's file as the writer thread holds it; touched by that thread alone.</summary>
    private sealed class LogFile(string path)
    {
        private ulong device;
        private ulong inode;
        private bool identified;

        public string Path { get; } = path;

        public SafeFileHandle? Handle { get; private set; }

        /// <summary>Whether the open file is a regular file, the only kind that is rotated.</summary>
        public bool Regular { get; private set; }

        /// <summary>Bytes in the file: its size when opened plus what this sink wrote.</summary>
        public long Size { get; set; }

        /// <summary>When the path may be tried again after a failure (<see cref="TimeProvider.GetTimestamp"/> units).</summary>
        public long RetryAt { get; set; } = long.MinValue;

        /// <summary>When the path is next compared with the open file.</summary>
        public long CheckAt { get; set; }

        /// <summary>Opens the path for appending, created when missing.</summary>
        public bool TryOpen()
        {
            // O_NONBLOCK: a FIFO nobody reads then fails the open with ENXIO (fifo(7)) instead of holding the writer, and
            // the status lines with it, until a reader comes. It is cleared once open, so a FIFO that has a reader gets
            // whole lines as a file does; O_CLOEXEC keeps the file out of the app the agent spawns.
            var h = Interop.Libc.open(Path, Interop.Libc.O_WRONLY | Interop.Libc.O_APPEND | Interop.Libc.O_CLOEXEC | Interop.Libc.O_NONBLOCK, CreateMode, out _);
            if (h.IsInvalid)
            {
                h.Dispose();
                return false;
            }

            var fd = (int)h.DangerousGetHandle();
            var flags = Interop.Libc.fcntl(fd, Interop.Libc.F_GETFL, 0);
            if (flags < 0 || Interop.Libc.fcntl(fd, Interop.Libc.F_SETFL, flags & ~Interop.Libc.O_NONBLOCK) < 0)
            {
                h.Dispose();
                return false;
            }

            if (Interop.Libc.TryFstatx(fd, out var stat, out _))
            {
                (device, inode, identified) = (Identity(stat), stat.stx_ino, true);
                Regular = (stat.stx_mode & Interop.Libc.S_IFMT) == Interop.Libc.S_IFREG;
                Size = (long)stat.stx_size;
            }
            else
            {
                // No statx in the C library (glibc before 2.28): the size from the runtime, and no check for a file moved
                // away, which needs the identity of both.
                identified = false;
                Regular = true;
                Size = RandomAccess.GetLength(h);
            }

            Handle = h;
            return true;
        }

        /// <summary>Whether the path still names the open file (same device and inode); false once it was renamed or
        /// removed, or cannot be stat'ed (reopening is always safe). True when the open file's identity is unknown.</summary>
        public bool StillAtPath() =>
            !identified || (Interop.Libc.TryStatx(Path, followSymlinks: true, out var stat, out _) && Identity(stat) == device && stat.stx_ino == inode);

        public void Close()
        {
            Handle?.Dispose();
            Handle = null;
        }

        private static ulong Identity(in Interop.Libc.statx_t stat) => Interop.Libc.makedev(stat.stx_dev_major, stat.stx_dev_minor);
    }
}
