// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Reads of /proc/[pid]/* for the tracer, straight through open/read/readlink into stack or pooled buffers. The
/// tracer reads several of these files at every fork and exec while the app waits in its stop, so FileStream, FileInfo
/// and their allocations are kept off this path (they were a third of the tracer's CPU in the fork/exec storm).</summary>
internal static class ProcFs
{
    /// <summary>Longest path readlink returns (PATH_MAX).</summary>
    internal const int PathMax = 4096;

    /// <summary>Writes "/proc/{pid}/{leaf}" (and "/{fd}" when fd ≥ 0) NUL-terminated into <paramref name="into"/>.</summary>
    private static int Format(Span<byte> into, int pid, ReadOnlySpan<byte> leaf, long fd)
    {
        "/proc/"u8.CopyTo(into);
        var n = 6;
        Utf8Formatter.TryFormat(pid, into[n..], out var w);
        n += w;
        into[n++] = (byte)'/';
        leaf.CopyTo(into[n..]);
        n += leaf.Length;
        if (fd >= 0)
        {
            into[n++] = (byte)'/';
            Utf8Formatter.TryFormat(fd, into[n..], out w);
            n += w;
        }

        into[n] = 0;
        return n;
    }

    /// <summary>readlink of /proc/{pid}/{leaf}[/{fd}], or null when the process or link is gone.</summary>
    public static string? ReadLink(int pid, ReadOnlySpan<byte> leaf, long fd = -1)
    {
        Span<byte> path = stackalloc byte[64];
        Format(path, pid, leaf, fd);
        return ReadLink(path);
    }

    /// <summary>readlink of <paramref name="path"/> (NUL-terminated) into a pooled buffer, or null when it is not a link
    /// or is gone. Shared by the /proc reads above and the deny checks' second look at a path's links (PathLinks).</summary>
    public static unsafe string? ReadLink(ReadOnlySpan<byte> path)
    {
        var target = ArrayPool<byte>.Shared.Rent(PathMax);
        try
        {
            nint n;
            fixed (byte* p = path)
            fixed (byte* t = target)
            {
                n = readlink(p, t, PathMax);
            }

            return n < 0 ? null : Encoding.UTF8.GetString(target, 0, (int)n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(target);
        }
    }

    /// <summary>Reads /proc/{pid}/{leaf} into <paramref name="buffer"/>: returns the bytes kept (at most the buffer's
    /// length), or -1 when the file cannot be opened. <paramref name="total"/> is the file's full size, counted on past a
    /// full buffer so that a long command line still reports its real size.</summary>
    public static int Read(int pid, ReadOnlySpan<byte> leaf, Span<byte> buffer, out long total) => Read(pid, leaf, -1, buffer, out total);

    /// <summary>Reads /proc/{pid}/{leaf}/{fd} (fdinfo) into <paramref name="buffer"/>: the bytes kept, or -1.</summary>
    public static int Read(int pid, ReadOnlySpan<byte> leaf, long fd, Span<byte> buffer) => Read(pid, leaf, fd, buffer, out _);

    /// <summary>The leaf "task/{pid}/environ": the same environment as /proc/{pid}/environ through another inode, which
    /// the sensitive-read watch on /proc/{pid}/environ does not see, so the agent's own reads raise nothing
    /// (docs/tracer.md §5).</summary>
    public static byte[] UnwatchedEnviron(int pid) => Encoding.ASCII.GetBytes("task/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ");

    private static unsafe int Read(int pid, ReadOnlySpan<byte> leaf, long entry, Span<byte> buffer, out long total)
    {
        total = 0;
        Span<byte> path = stackalloc byte[64];
        Format(path, pid, leaf, entry);
        int fd;
        fixed (byte* p = path)
        {
            fd = open(p, O_RDONLY | O_CLOEXEC);
        }

        if (fd < 0)
        {
            return -1;
        }

        try
        {
            var kept = 0;
            Span<byte> skip = stackalloc byte[512];
            while (true)
            {
                var n = Descriptor.Read(fd, kept < buffer.Length ? buffer[kept..] : skip);
                if (n <= 0)
                {
                    // An error after the open (the process died mid-read) keeps what was read.
                    return kept;
                }

                total += n;
                if (kept < buffer.Length)
                {
                    kept += (int)n;
                }
            }
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>A NUL-separated list (/proc/[pid]/cmdline, environ) as one string with the NULs turned into spaces, as
    /// osquery shows cmdline; null when the file cannot be read. <paramref name="count"/> is the number of entries and
    /// <paramref name="size"/> the full size in bytes.</summary>
    public static string? ReadList(int pid, ReadOnlySpan<byte> leaf, int max, out int count, out long size)
    {
        count = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = Read(pid, leaf, buffer.AsSpan(0, max), out size);
            if (n < 0)
            {
                return null;
            }

            return JoinList(buffer.AsSpan(0, n), size, out count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>NUL-separated strings (the first bytes of a list of <paramref name="size"/> bytes) as one string with
    /// the NULs turned into spaces (in place); <paramref name="count"/> is the number of entries among them.</summary>
    internal static string JoinList(Span<byte> list, long size, out int count)
    {
        if (list.Length > 0 && list[^1] == 0)
        {
            list = list[..^1];
        }

        count = list.Length == 0 && size <= 1 ? 0 : list.Count((byte)0) + 1;
        list.Replace((byte)0, (byte)' ');
        return Encoding.UTF8.GetString(list);
    }

    /// <summary>The permission bits (with setuid/setgid/sticky) of the file behind /proc/{pid}/{leaf}, following the link
    /// to the inode the process actually runs, or -1.</summary>
    public static unsafe int Mode(int pid, ReadOnlySpan<byte> leaf)
    {
        const uint STATX_MODE = 0x2;
        Span<byte> path = stackalloc byte[64];
        Format(path, pid, leaf, -1);
        statx_t st;
        fixed (byte* p = path)
        {
            return statx(AT_FDCWD, p, 0, STATX_MODE, &st) == 0 ? st.stx_mode & 0xfff : -1;
        }
    }
}
