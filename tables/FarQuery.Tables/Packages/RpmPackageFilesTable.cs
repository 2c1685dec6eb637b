// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The files each installed RPM package lists in its header, from the same SQLite rpmdb rpm_packages reads
/// (see <see cref="RpmPackagesTable"/>): what rpm recorded at install time, not what is on disk now.</summary>
public sealed partial class RpmPackageFilesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var path = RpmPackagesTable.DatabasePaths.FirstOrDefault(p => PackageFiles.IsFile(Context.Fs, p));
        if (path is null)
        {
            yield break;
        }

        var names = query.TextEquals(C.Package);
        var paths = query.TextEquals(C.Path);
        foreach (var blob in RpmPackagesTable.ReadBlobs(Context.Fs.Resolve(path), Schema.Name))
        {
            if (!RpmHeader.TryParse(blob, out var h) || (names is not null && !names.Contains(h.Name)))
            {
                continue;
            }

            foreach (var f in RpmHeader.ParseFiles(blob).Where(f => paths is null || paths.Contains(f.Path)))
            {
                var row = NewRow();
                row.Package = h.Name;
                row.Path = f.Path;
                row.Username = f.User;
                row.Groupname = f.Group;
                row.Mode = f.Mode is { } mode ? FileTable.ModeText((uint)mode) : "";
                row.Size = f.Size;
                row.Sha256 = f.Sha256;
                yield return row;
            }
        }
    }
}
