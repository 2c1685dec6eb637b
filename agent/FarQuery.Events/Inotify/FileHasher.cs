// SPDX-License-Identifier: Apache-2.0
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Events.Inotify;

/// <summary>Computes md5/sha1/sha256 of a changed file in one read, under a per-file size cap and a per-second rate cap
/// so a burst of writes cannot starve the agent; remembers the last result per file so the UPDATED pair inotify sends
/// for one write (IN_MODIFY then IN_CLOSE_WRITE) costs one hash. Used by the publisher thread only. The digests use
/// OpenSSL when libssl can be loaded and the managed hashes otherwise (<see cref="Digest"/>).</summary>
internal sealed class FileHasher
{
    private const int CacheCapacity = 1024;
    private readonly Dictionary<string, (FileStat Stat, Hashes Hashes)> cache = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private long windowStart;
    private int filesInWindow;
    private long bytesInWindow;

    /// <summary>Creates a hasher with the caps of <paramref name="config"/>.</summary>
    public FileHasher(FimConfiguration config, TimeProvider? time = null)
    {
        MaxFileBytes = config.MaxHashFileBytes;
        MaxFilesPerSecond = config.MaxHashesPerSecond;
        MaxBytesPerSecond = config.MaxHashBytesPerSecond;
        this.time = time ?? TimeProvider.System;
        windowStart = this.time.GetTimestamp();
    }

    /// <summary>Per-file size cap.</summary>
    public long MaxFileBytes { get; }

    /// <summary>Files per second.</summary>
    public int MaxFilesPerSecond { get; }

    /// <summary>Bytes per second.</summary>
    public long MaxBytesPerSecond { get; }

    /// <summary>Files hashed.</summary>
    public long Hashed { get; private set; }

    /// <summary>Files not hashed because they were over <see cref="MaxFileBytes"/>.</summary>
    public long SkippedTooLarge { get; private set; }

    /// <summary>Files not hashed because the rate cap was reached.</summary>
    public long SkippedRate { get; private set; }

    /// <summary>Files whose hashing failed (vanished, unreadable).</summary>
    public long Failed { get; private set; }

    /// <summary>Hashes <paramref name="path"/>, whose stat is <paramref name="stat"/>: 1 with hashes, 0 when a cap said
    /// no, -1 when reading failed (osquery's <c>hashed</c> values).</summary>
    public int TryHash(string path, in FileStat stat, out Hashes hashes)
    {
        hashes = default;
        if (cache.TryGetValue(path, out var hit) && hit.Stat == stat)
        {
            hashes = hit.Hashes;
            return 1;
        }

        if (stat.Size > MaxFileBytes)
        {
            SkippedTooLarge++;
            return 0;
        }

        var now = time.GetTimestamp();
        if (time.GetElapsedTime(windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            windowStart = now;
            filesInWindow = 0;
            bytesInWindow = 0;
        }

        if (filesInWindow >= MaxFilesPerSecond || bytesInWindow + stat.Size > MaxBytesPerSecond)
        {
            SkippedRate++;
            return 0;
        }

        filesInWindow++;
        bytesInWindow += stat.Size;
        if (!TryHashFile(path, out hashes))
        {
            Failed++;
            return -1;
        }

        Hashed++;
        if (cache.Count >= CacheCapacity)
        {
            // A plain reset keeps the cache bounded; it only exists to pair IN_MODIFY with the IN_CLOSE_WRITE right after.
            cache.Clear();
        }

        cache[path] = (stat, hashes);
        return 1;
    }

    /// <summary>Forgets a path (deleted or moved away).</summary>
    public void Forget(string path) => cache.Remove(path);

    private bool TryHashFile(string path, out Hashes hashes)
    {
        hashes = default;
        if (!TryOpen(path, out var file))
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        using var md5 = Digest.Md5();
        using var sha1 = Digest.Sha1();
        using var sha256 = Digest.Sha256();
        try
        {
            long total = 0;
            int n;
            while ((n = RandomAccess.Read(file, buffer, total)) > 0)
            {
                total += n;
                if (total > MaxFileBytes)
                {
                    // The file grew past the cap while we read it: give up rather than hash an unbounded stream.
                    return false;
                }

                md5.Append(buffer.AsSpan(0, n));
                sha1.Append(buffer.AsSpan(0, n));
                sha256.Append(buffer.AsSpan(0, n));
            }

            hashes = new Hashes(
                Convert.ToHexStringLower(md5.Finish()),
                Convert.ToHexStringLower(sha1.Finish()),
                Convert.ToHexStringLower(sha256.Finish()));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            file.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Opens with open(2) directly rather than FileStream: FileStream takes a shared flock, which fails while
    /// the writer we are reporting on holds its FileShare.None lock (and would get in its way otherwise). O_NOFOLLOW
    /// keeps to the file that was stat'ed, O_NONBLOCK keeps a FIFO swapped in meanwhile from blocking the thread.</summary>
    private static unsafe bool TryOpen(string path, out SafeFileHandle file)
    {
        var utf8 = Interop.CString.ToCString(path, stackalloc byte[Interop.CString.StackBytes]);
        int fd;
        fixed (byte* p = utf8)
        {
            fd = Interop.Libc.open(p, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC | Interop.Libc.O_NOFOLLOW | Interop.Libc.O_NONBLOCK);
        }

        file = new SafeFileHandle(fd, ownsHandle: true);
        return fd >= 0;
    }

    /// <summary>The three digests, lower-case hex.</summary>
    internal readonly record struct Hashes(string Md5, string Sha1, string Sha256);
}
