// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Node packages: every package.json under the node_modules trees of the global prefixes and the usual app
/// directories, nested node_modules included (depth 0 = a direct dependency). <c>directory =</c> walks only that
/// node_modules directory. Listings count against the query's <see cref="WalkBudget"/>; each package.json is read up
/// to <see cref="MaxPackageJsonBytes"/>, and only when it is a regular file of an ordinary file system.</summary>
public sealed partial class NpmPackagesTable(TableContext context) : Table(context)
{
    private const int DefaultMaxDepth = 100;

    /// <summary>The largest package.json read (the biggest published ones are a few hundred KB).</summary>
    internal const long MaxPackageJsonBytes = 4L << 20;

    private static readonly string[] SearchPatterns =
    [
        "/usr/lib/node_modules",
        "/usr/local/lib/node_modules",
        "/opt/*/lib/node_modules",
        "/app/node_modules",
        "/usr/src/app/node_modules",
        "/home/node/app/node_modules",
        "/opt/*/node_modules",
        "/srv/*/node_modules",
        "/var/www/*/node_modules",
        "/home/*/.npm-global/lib/node_modules",
        "/root/.npm-global/lib/node_modules",
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var maxDepth = query.IntegerEquals(C.MaxDepth) is [var m, ..] ? (m < 0 ? int.MaxValue : (int)Math.Min(m, int.MaxValue)) : DefaultMaxDepth;
        var directories = query.TextEquals(C.Directory)?.ToList() ?? SearchPatterns.SelectMany(p => PackageFiles.Expand(Context.Fs, p)).ToList();

        // Canonical directories already walked: pnpm stores and `npm link` make symlink cycles and shared subtrees.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = WalkBudget.For(Schema.Name, query);
        foreach (var directory in directories)
        {
            var stack = new Stack<(string NodeModules, int Depth)>();
            stack.Push((directory, 0));
            while (stack.Count > 0)
            {
                query.Cancellation.ThrowIfCancellationRequested();
                var (nodeModules, depth) = stack.Pop();
                if (!seen.Add(PackageFiles.Canonical(Context.Fs, nodeModules)))
                {
                    continue;
                }

                var packages = new List<string>();
                foreach (var entry in PackageFiles.Subdirectories(Context.Fs, nodeModules, budget, links: true))
                {
                    var leaf = Path.GetFileName(entry);
                    if (leaf.StartsWith('@'))
                    {
                        packages.AddRange(PackageFiles.Subdirectories(Context.Fs, entry, budget, links: true));
                    }
                    else if (!leaf.StartsWith('.'))
                    {
                        packages.Add(entry);
                    }
                }

                foreach (var packageDir in packages)
                {
                    if (depth < maxDepth)
                    {
                        stack.Push((packageDir + "/node_modules", depth + 1));
                    }

                    if (!Context.Fs.TryReadUserFile(packageDir + "/package.json", MaxPackageJsonBytes, query.Cancellation, out var bytes, out _)
                        || !NpmPackageJson.TryParse(bytes, out var p))
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Name = p.Name;
                    row.Version = p.Version;
                    row.Description = p.Description;
                    row.Author = p.Author;
                    row.License = p.License;
                    row.Homepage = p.Homepage;
                    row.Path = packageDir;
                    row.Directory = directory;
                    row.Depth = (long)depth;
                    row.MaxDepth = maxDepth == int.MaxValue ? -1L : maxDepth;
                    yield return row;
                }
            }
        }
    }
}
