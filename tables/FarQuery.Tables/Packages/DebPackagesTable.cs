// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>dpkg's installed packages: <c>&lt;admindir&gt;/status</c> plus the one-file-per-package
/// <c>status.d/</c> that distroless images ship instead of a status file.</summary>
public sealed partial class DebPackagesTable(TableContext context) : Table(context)
{
    private const string DefaultAdminDir = "/var/lib/dpkg";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var names = query.TextEquals(C.Name);
        foreach (var adminDir in query.TextEquals(C.Admindir) ?? [DefaultAdminDir])
        {
            var dir = adminDir.TrimEnd('/');
            var sources = new List<string> { dir + "/status" };

            // status.d holds one control file per package plus .md5sums lists, which are not control files.
            sources.AddRange(PackageFiles.List(Context.Fs, dir + "/status.d").Where(p => !p.EndsWith(".md5sums", StringComparison.Ordinal)));
            foreach (var source in sources)
            {
                if (!Context.Fs.TryReadAllBytes(source, out var bytes))
                {
                    continue;
                }

                foreach (var p in DpkgPackage.Parse(bytes))
                {
                    if (names is not null && !names.Contains(p.Name))
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Name = p.Name;
                    row.Version = p.Version;
                    row.Source = p.Source;
                    row.Size = p.InstalledSizeKib;
                    row.Arch = p.Arch;
                    row.Revision = p.Revision;
                    row.Status = p.Status;
                    row.Maintainer = p.Maintainer;
                    row.Section = p.Section;
                    row.Priority = p.Priority;
                    row.Admindir = adminDir;
                    yield return row;
                }
            }
        }
    }
}
