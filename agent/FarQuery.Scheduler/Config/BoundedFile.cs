// SPDX-License-Identifier: Apache-2.0
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Scheduler.Config;

/// <summary>The one way the agent reads a file an operator named (config, pack, drop-in, enroll secret, node key, PEM):
/// the config is read before the app is spawned, so nothing there may block or read without end. The file is opened
/// with O_NONBLOCK (a FIFO cannot hold up the open), its open descriptor is checked to be a regular file (a FIFO,
/// <c>/dev/zero</c>, a socket or a directory is refused), its size must be within the cap (a huge or sparse file is
/// refused before one byte is read), and the read itself stops at the cap (a file that grows meanwhile is refused).
/// Failures are <see cref="IOException"/>s whose message names the path and the cap.</summary>
public static class BoundedFile
{
    /// <summary>Largest config or pack file: 16 MiB (README, "Using it"). The bundled detection pack is about 0.2 MiB.</summary>
    public const int ConfigMaxBytes = 16 * 1024 * 1024;

    /// <summary>Largest small file named by a flag (enroll secret, node key, PEM certificates and keys): 1 MiB.</summary>
    public const int FlagFileMaxBytes = 1024 * 1024;

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes as UTF-8.</summary>
    /// <exception cref="IOException">Missing, unreadable, not a regular file, or larger than the cap.</exception>
    public static string ReadAllText(string path, int maxBytes = ConfigMaxBytes) => Encoding.UTF8.GetString(ReadAllBytes(path, maxBytes));

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="IOException">Missing, unreadable, not a regular file, or larger than the cap.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes = ConfigMaxBytes)
    {
        if (!Interop.Libc.TryOpenAndStat(path, out var file, out var stat, out var errno) && errno != Interop.Errno.ENOSYS)
        {
            file.Dispose();
            throw errno switch
            {
                Interop.Errno.ENOENT => new FileNotFoundException($"{path}: no such file", path),
                Interop.Errno.EACCES or Interop.Errno.EPERM => new UnauthorizedAccessException($"{path}: permission denied ({errno})"),
                _ => new IOException($"{path}: cannot open ({errno})"),
            };
        }

        using (file)
        {
            // ENOSYS: no statx in this C library, so the type and size are unknown; the capped, non-blocking read below
            // still ends (a FIFO without data reads EAGAIN or end of file, /dev/zero stops at the cap).
            if (errno != Interop.Errno.ENOSYS)
            {
                var type = stat.stx_mode & Interop.Libc.S_IFMT;
                if (type != Interop.Libc.S_IFREG)
                {
                    throw new IOException($"{path}: not a regular file ({TypeName(type)}); only regular files of at most {Size(maxBytes)} are read");
                }

                if (stat.stx_size > (ulong)maxBytes)
                {
                    throw new IOException($"{path}: {Size((long)stat.stx_size)} is over the limit of {Size(maxBytes)}");
                }
            }

            return ReadCapped(file, path, maxBytes);
        }
    }

    private static byte[] ReadCapped(SafeFileHandle file, string path, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            int n;
            try
            {
                n = RandomAccess.Read(file, chunk, buffer.Length);
            }
            catch (IOException e)
            {
                // EAGAIN from a FIFO or device that has no data now: refused rather than waited for.
                throw new IOException($"{path}: read failed: {e.Message}", e);
            }

            if (n == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + n > maxBytes)
            {
                throw new IOException($"{path}: larger than the limit of {Size(maxBytes)}");
            }

            buffer.Write(chunk, 0, n);
        }
    }

    private static string TypeName(int type) => type switch
    {
        Interop.Libc.S_IFDIR => "a directory",
        Interop.Libc.S_IFIFO => "a FIFO",
        Interop.Libc.S_IFCHR => "a character device",
        Interop.Libc.S_IFBLK => "a block device",
        Interop.Libc.S_IFSOCK => "a socket",
        _ => "file type 0x" + type.ToString("x", CultureInfo.InvariantCulture),
    };

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
