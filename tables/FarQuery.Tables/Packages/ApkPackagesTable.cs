// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

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
                row[C.Name] = p.Name;
                row[C.Version] = p.Version;
                row[C.Source] = p.Origin;
                row[C.Size] = p.InstalledSize;
                row[C.Arch] = p.Arch;
                row[C.Maintainer] = p.Maintainer;
                row[C.License] = p.License;
                row[C.Url] = p.Url;
                row[C.Description] = p.Description;
                row[C.BuildTime] = p.BuildTime;
                row[C.Commit] = p.Commit;
                row[C.Root] = root;
                yield return row;
            }
        }
    }
}
