// SPDX-License-Identifier: Apache-2.0
using System.IO.Enumeration;

namespace FarQuery.Core;

/// <summary>The seam in front of the OS (docs/conventions.md §15): every table reads /proc, /etc and /sys through this, so tests
/// can point it at a fixture tree, and it counts per-process reads so a test can prove a constraint was pushed down.</summary>
public class HostFileSystem(string root = "/")
{
    private long processReads;

    /// <summary>The directory that stands for "/".</summary>
    public string Root { get; } = root;

    /// <summary>How many /proc/[pid] entries the tables opened since this instance was created.</summary>
    public long ProcessReads => Interlocked.Read(ref processReads);

    /// <summary>Maps an absolute path of the container to a path under <see cref="Root"/>.</summary>
    public string Resolve(string path) => Root == "/" ? path : Path.Join(Root, path);

    /// <summary>Numeric entries of /proc: the pids visible in this pid namespace.</summary>
    public IEnumerable<int> ListPids()
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(Resolve("/proc"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var dir in entries)
        {
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Marks the start of reading one /proc/[pid] entry and returns its directory.</summary>
    public string OpenProcess(int pid)
    {
        Interlocked.Increment(ref processReads);
        return Resolve("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The most <see cref="TryReadAllBytes"/> reads of one file: far above any /proc, /sys or /etc file a
    /// table means to read, and a bound on what a special file could make it read (docs/tables-and-paths.md).</summary>
    public const long DefaultMaxBytes = 32L << 20;

    /// <summary>Reads a whole kernel or system file a table means to read (/proc, /sys, /etc); false when it is
    /// missing, unreadable, vanished (a process that exited mid-scan), not a regular file, or larger than
    /// <see cref="DefaultMaxBytes"/>. Opened non-blocking, so a FIFO or /proc/kmsg in its place cannot hold the query.</summary>
    public bool TryReadAllBytes(string path, out byte[] bytes) =>
        BoundedFile.TryReadAll(Real(path), FileKind.KernelFile, DefaultMaxBytes, CancellationToken.None, out bytes, out _);

    /// <summary>Reads a whole file a query or a search list names, of at most <paramref name="maxBytes"/>: regular files
    /// on ordinary file systems only (<see cref="FileKind.UserPath"/>), checking <paramref name="cancellation"/> between
    /// chunks. False with the reason otherwise.</summary>
    public bool TryReadUserFile(string path, long maxBytes, CancellationToken cancellation, out byte[] bytes, out string refusal) =>
        BoundedFile.TryReadAll(Real(path), FileKind.UserPath, maxBytes, cancellation, out bytes, out refusal);

    /// <summary>Opens a file a query or a search list names for a streamed or positional read; null with the reason
    /// when it is not a regular file of an ordinary file system.</summary>
    public BoundedFile? OpenUserFile(string path, CancellationToken cancellation, out string refusal) =>
        BoundedFile.TryOpen(Real(path), FileKind.UserPath, cancellation, out refusal);

    /// <summary>True when a container directory lies on a kernel pseudo file system (/proc, /sys, ...), where walkers
    /// looking for packages or binaries have nothing to find and a great deal to list.</summary>
    public bool IsOnPseudoFileSystem(string path) =>
        Interop.Libc.TryStatfs(Real(path), out var st, out _) && BoundedFile.PseudoFileSystem(st.f_type) is not null;

    /// <summary>One directory entry: its name, whether it is a directory (a symlink counts as one when its target is),
    /// and whether it is a symlink.</summary>
    public readonly record struct Entry(string Name, bool IsDirectory, bool IsSymlink);

    /// <summary>The entries of a container directory, sorted by name, each counted against <paramref name="budget"/>;
    /// empty when the directory cannot be listed (missing, EACCES, ELOOP, ENAMETOOLONG).</summary>
    public List<Entry> ListEntries(string directory, WalkBudget budget)
    {
        var list = new List<Entry>();
        try
        {
            var entries = new FileSystemEnumerable<Entry>(
                Real(directory),
                static (ref FileSystemEntry e) => new Entry(e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
                new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false });
            foreach (var entry in entries)
            {
                budget.Take();
                list.Add(entry);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    // Paths already under a fixture root are taken as they are; container paths are mapped under it.
    private string Real(string path) => path.StartsWith(Root, StringComparison.Ordinal) && Root != "/" ? path : Resolve(path);

    /// <summary>Reads a symlink target; false when it is missing or unreadable.</summary>
    public bool TryReadLink(string path, out string target)
    {
        try
        {
            var info = new FileInfo(Real(path));
            target = info.LinkTarget ?? "";
            return info.LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            target = "";
            return false;
        }
    }
}
