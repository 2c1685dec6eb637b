// SPDX-License-Identifier: Apache-2.0
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Core;

/// <summary>Which files a bounded open accepts.</summary>
public enum FileKind
{
    /// <summary>A path a query (or a search list) names: only regular files on ordinary file systems. Files of the
    /// kernel's pseudo file systems (/proc, /sys, debugfs, cgroupfs, ...) are refused: their reads may block
    /// (/proc/kmsg), never end (/proc/kcore, /proc/self/pagemap) or consume what they return (/proc/kmsg).</summary>
    UserPath,

    /// <summary>A kernel file a table means to read (/proc/[pid]/status, /sys/...): regular files on any file system,
    /// still opened non-blocking and read under a size cap.</summary>
    KernelFile,
}

/// <summary>A regular file opened for a bounded content read: opened with O_NONBLOCK|O_NOCTTY|O_CLOEXEC so a FIFO or a
/// terminal never blocks the open, checked with fstat on the descriptor (not the path, which may change meanwhile),
/// read in chunks that check the query's cancellation between them. Every table that reads a file's content goes
/// through this (docs/tables-and-paths.md lists each table's cap).</summary>
public sealed class BoundedFile : IDisposable
{
    /// <summary>Bytes read per system call; the cancellation token is checked before each one.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int ScratchSize = 4096;

    [ThreadStatic]
    private static byte[]? scratch;

    private readonly SafeFileHandle handle;
    private readonly CancellationToken cancellation;
    private long position;

    private BoundedFile(SafeFileHandle handle, long length, CancellationToken cancellation)
    {
        this.handle = handle;
        Length = length;
        this.cancellation = cancellation;
    }

    /// <summary>The size fstat reported at open (0 for most kernel files, whose size is not known in advance).</summary>
    public long Length { get; }

    /// <summary>Opens <paramref name="realPath"/> (a host path, already resolved through the seam) when it is a regular
    /// file of the accepted <paramref name="kind"/>; else null and a reason a table can report or skip on.</summary>
    public static BoundedFile? TryOpen(string realPath, FileKind kind, CancellationToken cancellation, out string refusal)
    {
        cancellation.ThrowIfCancellationRequested();
        var fd = Interop.Libc.open(realPath, Interop.Libc.O_RDONLY | Interop.Libc.O_NONBLOCK | Interop.Libc.O_NOCTTY | Interop.Libc.O_CLOEXEC, out var errno);
        if (fd < 0)
        {
            refusal = "cannot open: " + Interop.Name(errno);
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        long length = 0;
        if (Interop.Libc.TryFstatx(fd, out var st, out errno))
        {
            var type = st.stx_mode & Interop.Libc.S_IFMT;
            if (type != Interop.Libc.S_IFREG)
            {
                handle.Dispose();
                refusal = "not a regular file (" + TypeName(type) + ")";
                return null;
            }

            length = (long)st.stx_size;
        }
        else if (errno != Interop.Errno.ENOSYS)
        {
            handle.Dispose();
            refusal = "cannot stat: " + Interop.Name(errno);
            return null;
        }

        // Without statx (glibc before 2.28) the type is unknown: O_NONBLOCK and the caps still bound the read.
        if (kind == FileKind.UserPath && Interop.Libc.TryFstatfs(fd, out var fs, out _) && PseudoFileSystem(fs.f_type) is { } name)
        {
            handle.Dispose();
            refusal = "on the kernel's " + name + " file system, which is not read for a user-given path";
            return null;
        }

        refusal = "";
        return new BoundedFile(handle, length, cancellation);
    }

    /// <summary>Reads a whole file of at most <paramref name="maxBytes"/> bytes; false with a reason when it cannot be
    /// opened, is refused, or holds more (whatever its stat size claimed: kernel files report 0).</summary>
    public static bool TryReadAll(string realPath, FileKind kind, long maxBytes, CancellationToken cancellation, out byte[] bytes, out string refusal)
    {
        bytes = [];
        using var file = TryOpen(realPath, kind, cancellation, out refusal);
        return file is not null && file.TryReadAll(maxBytes, out bytes, out refusal);
    }

    /// <summary>The file system name for a statfs f_type of a kernel pseudo file system, or null for an ordinary one.</summary>
    public static string? PseudoFileSystem(long type) => type switch
    {
        Interop.Libc.PROC_SUPER_MAGIC => "proc",
        Interop.Libc.SYSFS_MAGIC => "sysfs",
        Interop.Libc.DEBUGFS_MAGIC => "debugfs",
        Interop.Libc.TRACEFS_MAGIC => "tracefs",
        Interop.Libc.SECURITYFS_MAGIC => "securityfs",
        Interop.Libc.CGROUP_SUPER_MAGIC => "cgroup",
        Interop.Libc.CGROUP2_SUPER_MAGIC => "cgroup2",
        Interop.Libc.BPF_FS_MAGIC => "bpf",
        Interop.Libc.EFIVARFS_MAGIC => "efivarfs",
        Interop.Libc.PSTOREFS_MAGIC => "pstore",
        Interop.Libc.SELINUX_MAGIC => "selinuxfs",
        Interop.Libc.BINFMTFS_MAGIC => "binfmt_misc",
        Interop.Libc.NSFS_MAGIC => "nsfs",
        Interop.Libc.ANON_INODE_FS_MAGIC => "anon_inodefs",
        _ => null,
    };

    /// <summary>The rest of the file, when it holds at most <paramref name="maxBytes"/> bytes.</summary>
    public bool TryReadAll(long maxBytes, out byte[] bytes, out string refusal)
    {
        bytes = [];
        maxBytes = Math.Min(maxBytes, Array.MaxLength - 8192);
        if (Length > maxBytes)
        {
            refusal = $"larger than the limit of {maxBytes} bytes";
            return false;
        }

        // A regular file on disk is read into one array of its size; a kernel file (size 0) grows a buffer in whole
        // pages (some, like pagemap, refuse reads that are not a multiple of 8 bytes). At least one byte more than the
        // cap is asked for, so a file that holds more is noticed instead of silently cut.
        var limit = (maxBytes + 4096) & ~4095L;

        // A kernel file starts in this thread's scratch page and is copied out at its size: a /proc scan reads one small
        // file per process, and a fresh page each was most of what such a scan allocated. (Array.Resize below gives the
        // local a new array; the scratch page itself is never handed out.)
        var buffer = Length > 0 ? new byte[Length + 1] : (scratch ??= new byte[ScratchSize]);
        var total = 0L;
        while (total <= maxBytes)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit));
            }

            var want = (int)Math.Min(ChunkSize, buffer.Length - total);
            if (!TryRead(buffer.AsSpan((int)total, want), out var n, out refusal))
            {
                return false;
            }

            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total > maxBytes)
        {
            refusal = $"larger than the limit of {maxBytes} bytes";
            return false;
        }

        bytes = total == buffer.Length && !ReferenceEquals(buffer, scratch) ? buffer : buffer[..(int)total];
        refusal = "";
        return true;
    }

    /// <summary>Reads the next chunk into <paramref name="buffer"/> (at most <see cref="ChunkSize"/> bytes); 0 at end of
    /// file. Throws <see cref="OperationCanceledException"/> once the query is cancelled.</summary>
    public bool TryRead(Span<byte> buffer, out int read, out string refusal)
    {
        if (!TryReadAt(position, buffer, out read, out refusal))
        {
            return false;
        }

        position += read;
        return true;
    }

    /// <summary>Reads at an offset (pread); false with a reason on an I/O error (EIO, EAGAIN from a kernel file that has
    /// nothing to give yet, ESPIPE from a "regular" file that cannot seek, which some kernel objects claim to be).</summary>
    public bool TryReadAt(long offset, Span<byte> buffer, out int read, out string refusal)
    {
        cancellation.ThrowIfCancellationRequested();
        if (Interop.Libc.TryPread(handle, buffer.Length > ChunkSize ? buffer[..ChunkSize] : buffer, offset, out read, out var errno))
        {
            refusal = "";
            return true;
        }

        refusal = "read failed: " + Interop.Name(errno);
        return false;
    }

    /// <summary>A read-only seekable view for readers that want a <see cref="Stream"/> (zip archives, ELF sections);
    /// every read checks the cancellation and none passes <paramref name="maxBytes"/> from the start of the file.</summary>
    public Stream AsStream(long maxBytes) => new BoundedFileStream(this, maxBytes);

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();

    private static string TypeName(int type) => type switch
    {
        Interop.Libc.S_IFDIR => "directory",
        Interop.Libc.S_IFLNK => "symlink",
        Interop.Libc.S_IFBLK => "block device",
        Interop.Libc.S_IFCHR => "character device",
        Interop.Libc.S_IFIFO => "fifo",
        Interop.Libc.S_IFSOCK => "socket",
        _ => "unknown type",
    };
}
