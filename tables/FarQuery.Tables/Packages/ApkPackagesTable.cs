// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Alpine's installed packages from <c>&lt;root&gt;/lib/apk/db/installed</c>.</summary>
public sealed partial class ApkPackagesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var names = query.TextEquals(C.Name);
        foreach (var root in query.TextEquals(C.Root) ?? ["/"])
        {
            if (!Context.Fs.TryReadAllBytes(root.TrimEnd('/') + "/lib/apk/db/installed", out var bytes))
            {
                continue;
            }

            foreach (var p in ApkPackage.Parse(bytes))
            {
                if (names is not null && !names.Contains(p.Name))
                {
                    continue;
                }

                var row = NewRow();
                row.Name = p.Name;
                row.Version = p.Version;
                row.Source = p.Origin;
                row.Size = p.InstalledSize;
                row.Arch = p.Arch;
                row.Maintainer = p.Maintainer;
                row.License = p.License;
                row.Url = p.Url;
                row.Description = p.Description;
                row.BuildTime = p.BuildTime;
                row.Commit = p.Commit;
                row.Root = root;
                yield return row;
            }
        }
    }
}
