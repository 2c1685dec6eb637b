// SPDX-License-Identifier: Apache-2.0
using System.IO.Enumeration;

namespace FarQuery.Tables;

/// <summary>Turns the path/directory constraints of the file and hash tables into the container paths to stat, with
/// osquery's pattern rules: in a LIKE pattern '%' matches within one path segment ('/etc/%' lists /etc, not below)
/// and '_' matches one character; a final '%%' segment ('/etc/%%') walks the whole tree below. GLOB patterns use
/// '*' and '?' with the same segment rules, and '**' as the recursive form. Every listing counts against the query's
/// <see cref="WalkBudget"/> (entries and deadline); recursive walks stop at <see cref="MaxDepth"/> and never enter a
/// symlinked directory, so link loops and very deep trees cannot trap them.</summary>
internal static class FilePatterns
{
    /// <summary>Deepest walk below a recursive pattern, as osquery caps its recursive globs.</summary>
    internal const int MaxDepth = 64;

    /// <summary>One file to report: its container path and the directory column value.</summary>
    /// <param name="Path">Container path (as the query names it, or built from a listing).</param>
    /// <param name="Directory">The directory column: the listed directory, or the path's parent.</param>
    internal readonly record struct Target(string Path, string Directory);

    /// <summary>Every target the constraints name, each once, in the order found.</summary>
    public static IEnumerable<Target> Expand(HostFileSystem fs, QueryContext query, int pathColumn, int directoryColumn, string table)
    {
        var seen = new HashSet<Target>();
        var budget = WalkBudget.For(table, query);
        foreach (var t in ExpandAll(fs, query, pathColumn, directoryColumn, budget))
        {
            query.Cancellation.ThrowIfCancellationRequested();
            if (seen.Add(t))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<Target> ExpandAll(HostFileSystem fs, QueryContext query, int pathColumn, int directoryColumn, WalkBudget budget)
    {
        // Only absolute paths name a file of the container; a relative one would resolve against the agent's cwd.
        foreach (var path in (query.TextEquals(pathColumn) ?? []).Where(p => p.StartsWith('/')))
        {
            yield return new Target(path, Parent(path));
        }

        foreach (var pattern in Patterns(query, pathColumn))
        {
            foreach (var path in Match(fs, pattern, budget))
            {
                yield return new Target(path, Parent(path));
            }
        }

        var directories = (query.TextEquals(directoryColumn) ?? []).Where(d => d.StartsWith('/')).ToList();
        foreach (var pattern in Patterns(query, directoryColumn))
        {
            directories.AddRange(Match(fs, pattern, budget).Where(d => Directory.Exists(fs.Resolve(d))));
        }

        foreach (var directory in directories)
        {
            foreach (var path in List(fs, directory, budget))
            {
                yield return new Target(path, directory);
            }
        }
    }

    /// <summary>LIKE patterns converted to glob segments, and GLOB patterns as they are.</summary>
    private static IEnumerable<string> Patterns(QueryContext query, int column) =>
        query.TextValues(column, ConstraintOp.Like).Select(FromLike).Concat(query.TextValues(column, ConstraintOp.Glob));

    /// <summary>'%' to '*', '_' to '?', and a trailing '%%' to the recursive '**'.</summary>
    internal static string FromLike(string like)
    {
        var sb = new StringBuilder(like.Length);
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            if (c == '%' && i + 1 < like.Length && like[i + 1] == '%')
            {
                sb.Append("**");
                i++;
            }
            else
            {
                sb.Append(c switch { '%' => '*', '_' => '?', _ => c });
            }
        }

        return sb.ToString();
    }

    /// <summary>The container paths matching a glob: segments without wildcards are taken as they are, segments with
    /// them are matched against directory listings, and a final "**" adds everything below (not following symlinked
    /// directories, so a link loop cannot trap the walk).</summary>
    internal static IEnumerable<string> Match(HostFileSystem fs, string glob, WalkBudget budget)
    {
        if (!glob.StartsWith('/'))
        {
            yield break;
        }

        var segments = glob.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "/" };
        for (var i = 0; i < segments.Length; i++)
        {
            budget.Cancellation.ThrowIfCancellationRequested();
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == "**" && last)
            {
                foreach (var dir in current)
                {
                    foreach (var p in Walk(fs, dir, budget))
                    {
                        yield return p;
                    }
                }

                yield break;
            }

            var next = new List<string>();
            var wildcard = segment.AsSpan().IndexOfAny('*', '?') >= 0;
            foreach (var dir in current)
            {
                if (!wildcard)
                {
                    var candidate = Join(dir, segment);
                    if (last ? Exists(fs, candidate) : Directory.Exists(fs.Resolve(candidate)))
                    {
                        next.Add(candidate);
                    }

                    continue;
                }

                var simple = segment.Replace("**", "*", StringComparison.Ordinal);
                foreach (var entry in fs.ListEntries(dir, budget))
                {
                    if (FileSystemName.MatchesSimpleExpression(simple, entry.Name, ignoreCase: false) && (last || entry.IsDirectory))
                    {
                        next.Add(Join(dir, entry.Name));
                    }
                }
            }

            current = next;
        }

        foreach (var p in current)
        {
            yield return p;
        }
    }

    /// <summary>The entries of a container directory as container paths, sorted; nothing when it cannot be listed.</summary>
    internal static List<string> List(HostFileSystem fs, string directory, WalkBudget budget) =>
        fs.ListEntries(directory, budget).Select(e => Join(directory, e.Name)).ToList();

    /// <summary>Everything below <paramref name="directory"/>, depth first in name order, down to <see cref="MaxDepth"/>
    /// levels; symlinked directories are reported but not entered (a loop, or a tree reached another way). An explicit
    /// stack rather than recursion: the depth cap, not the thread's stack, bounds the walk.</summary>
    private static IEnumerable<string> Walk(HostFileSystem fs, string directory, WalkBudget budget)
    {
        var stack = new Stack<(string Dir, int Depth, List<HostFileSystem.Entry> Entries, int Next)>();
        stack.Push((directory, 1, fs.ListEntries(directory, budget), 0));
        while (stack.Count > 0)
        {
            var (dir, depth, entries, next) = stack.Pop();
            if (next >= entries.Count)
            {
                continue;
            }

            stack.Push((dir, depth, entries, next + 1));
            var entry = entries[next];
            var child = Join(dir, entry.Name);
            yield return child;
            if (depth < MaxDepth && entry.IsDirectory && !entry.IsSymlink)
            {
                stack.Push((child, depth + 1, fs.ListEntries(child, budget), 0));
            }
        }
    }

    private static bool Exists(HostFileSystem fs, string path)
    {
        var real = fs.Resolve(path);
        return File.Exists(real) || Directory.Exists(real) || new FileInfo(real).LinkTarget is not null;
    }

    private static string Join(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;

    /// <summary>The directory part of a path as osquery reports it for a <c>path =</c> row.</summary>
    internal static string Parent(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => "",
            0 => "/",
            _ => trimmed[..slash],
        };
    }
}
