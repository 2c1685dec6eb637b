// SPDX-License-Identifier: Apache-2.0
using System.IO.Enumeration;

namespace FarQuery.Tables;

/// <summary>Directory listings through the <see cref="HostFileSystem"/> seam, for the inventory tables that walk trees.</summary>
internal static class PackageFiles
{
    /// <summary>Container paths of the regular files (or of the subdirectories) directly under <paramref name="dir"/>,
    /// sorted; empty when the directory is missing or unreadable, which in a container is the usual case.</summary>
    public static List<string> List(HostFileSystem fs, string dir, bool directories = false)
    {
        try
        {
            var real = fs.Resolve(dir);
            var names = directories ? Directory.GetDirectories(real) : Directory.GetFiles(real);
            var list = names.Select(n => Path.Join(dir, Path.GetFileName(n))).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>Container paths of the entries directly under <paramref name="dir"/> that are not directories (files,
    /// and whatever else a content read will refuse itself), sorted, each counted against the query's budget.</summary>
    public static List<string> Files(HostFileSystem fs, string dir, WalkBudget budget) =>
        fs.ListEntries(dir, budget).Where(e => !e.IsDirectory).Select(e => Path.Join(dir, e.Name)).ToList();

    /// <summary>Container paths of the subdirectories under <paramref name="dir"/>, sorted, each entry counted against
    /// the query's budget. Symlinked ones are left out unless <paramref name="links"/> (a caller that takes them must
    /// keep its own set of canonical directories walked, or a link loop repeats the walk until the budget ends it).</summary>
    public static List<string> Subdirectories(HostFileSystem fs, string dir, WalkBudget budget, bool links = false) =>
        fs.ListEntries(dir, budget).Where(e => e.IsDirectory && (links || !e.IsSymlink)).Select(e => Path.Join(dir, e.Name)).ToList();

    /// <summary>The existing directories matching <paramref name="pattern"/>, an absolute path whose segments may hold
    /// '*' and '?' wildcards (e.g. <c>/usr/lib/python3*/site-packages</c>), sorted.</summary>
    public static List<string> Expand(HostFileSystem fs, string pattern)
    {
        var current = new List<string> { "/" };
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (segment.AsSpan().IndexOfAny('*', '?') < 0)
                {
                    var candidate = Path.Join(dir, segment);
                    if (IsDirectory(fs, candidate))
                    {
                        next.Add(candidate);
                    }

                    continue;
                }

                next.AddRange(List(fs, dir, directories: true).Where(d => FileSystemName.MatchesSimpleExpression(segment, Path.GetFileName(d))));
            }

            current = next;
        }

        return current;
    }

    /// <summary>The directory with symlinks resolved, so two spellings of one directory (/usr/lib64 linked to /usr/lib)
    /// are scanned once.</summary>
    public static string Canonical(HostFileSystem fs, string dir)
    {
        try
        {
            return new DirectoryInfo(fs.Resolve(dir)).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fs.Resolve(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return fs.Resolve(dir);
        }
    }

    /// <summary>The uid a path belongs to when it lies in a home directory (/root or /home/name per /etc/passwd),
    /// else null: system-wide package directories belong to no user.</summary>
    public static long? HomeOwner(HostFileSystem fs, string path, ref List<Parsers.PasswdEntry>? users)
    {
        if (users is null)
        {
            users = fs.TryReadAllBytes("/etc/passwd", out var bytes) ? Parsers.PasswdEntry.Parse(bytes) : [];
        }

        var owner = users.Where(u => u.Directory.Length > 1 && path.StartsWith(u.Directory.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(u => u.Directory.Length);
        return owner?.Uid;
    }

    /// <summary>True when <paramref name="path"/> is an existing directory (following symlinks).</summary>
    public static bool IsDirectory(HostFileSystem fs, string path) => Directory.Exists(fs.Resolve(path));

    /// <summary>True when <paramref name="path"/> is an existing regular file (following symlinks).</summary>
    public static bool IsFile(HostFileSystem fs, string path) => File.Exists(fs.Resolve(path));
}
