// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Installed Python distributions: <c>*.dist-info/METADATA</c> and <c>*.egg-info</c> (PKG-INFO file or
/// directory) in the interpreters' site-packages, the user sites and the virtual environments images usually carry.
/// <c>directory =</c> scans only that directory. Listings count against the query's <see cref="WalkBudget"/>; each
/// METADATA or PKG-INFO is read up to <see cref="MaxMetadataBytes"/>, and only when it is a regular file of an
/// ordinary file system.</summary>
public sealed partial class PythonPackagesTable(TableContext context) : Table(context)
{
    /// <summary>The largest metadata file read (long descriptions make some a few hundred KB).</summary>
    internal const long MaxMetadataBytes = 4L << 20;

    // Where python images, distro packages, pip --user and venvs put site-packages; /opt/* covers /opt/venv and conda.
    private static readonly string[] SearchPatterns =
    [
        "/usr/lib/python3/dist-packages",
        "/usr/lib/python3*/site-packages",
        "/usr/lib/python3*/dist-packages",
        "/usr/lib64/python3*/site-packages",
        "/usr/local/lib/python3*/site-packages",
        "/usr/local/lib/python3*/dist-packages",
        "/usr/local/lib64/python3*/site-packages",
        "/opt/*/lib/python3*/site-packages",
        "/venv/lib/python3*/site-packages",
        "/app/.venv/lib/python3*/site-packages",
        "/app/venv/lib/python3*/site-packages",
        "/usr/src/app/.venv/lib/python3*/site-packages",
        "/root/.local/lib/python3*/site-packages",
        "/home/*/.local/lib/python3*/site-packages",
        "/root/.pyenv/versions/*/lib/python3*/site-packages",
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var directories = query.TextEquals(C.Directory)?.ToList() ?? SearchPatterns.SelectMany(p => PackageFiles.Expand(Context.Fs, p)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<PasswdEntry>? users = null;
        var budget = WalkBudget.For(Schema.Name, query);
        foreach (var directory in directories)
        {
            if (!seen.Add(PackageFiles.Canonical(Context.Fs, directory)))
            {
                continue;
            }

            var uid = PackageFiles.HomeOwner(Context.Fs, directory, ref users);
            foreach (var listed in Context.Fs.ListEntries(directory, budget))
            {
                var entry = Path.Join(directory, listed.Name);
                string metadataFile;
                if (entry.EndsWith(".dist-info", StringComparison.Ordinal))
                {
                    metadataFile = entry + "/METADATA";
                }
                else if (entry.EndsWith(".egg-info", StringComparison.Ordinal))
                {
                    metadataFile = listed.IsDirectory ? entry + "/PKG-INFO" : entry;
                }
                else
                {
                    continue;
                }

                if (!Context.Fs.TryReadUserFile(metadataFile, MaxMetadataBytes, query.Cancellation, out var bytes, out _) || !PythonMetadata.TryParse(bytes, out var m))
                {
                    continue;
                }

                var row = NewRow();
                row.Name = m.Name;
                row.Version = m.Version;
                row.Summary = m.Summary;
                row.Author = m.Author;
                row.License = m.License;
                row.Path = entry;
                row.Directory = directory;
                row.Uid = uid;
                yield return row;
            }
        }
    }
}
