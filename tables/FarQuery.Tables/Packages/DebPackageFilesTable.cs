// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The files dpkg installed for each package of <c>&lt;admindir&gt;/status</c>: one row per line of its
/// <c>info/&lt;name&gt;.list</c>, or <c>info/&lt;name&gt;:&lt;arch&gt;.list</c> for a Multi-Arch: same package
/// (libc6:amd64), which dpkg names that way. <c>package =</c> reads only those lists.</summary>
public sealed partial class DebPackageFilesTable(TableContext context) : Table(context)
{
    private const string DefaultAdminDir = "/var/lib/dpkg";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var wanted = query.TextEquals(C.Package);
        foreach (var adminDir in query.TextEquals(C.Admindir) ?? [DefaultAdminDir])
        {
            var info = adminDir.TrimEnd('/') + "/info/";
            if (!Context.Fs.TryReadAllBytes(adminDir.TrimEnd('/') + "/status", out var status))
            {
                continue;
            }

            foreach (var p in DpkgPackage.Parse(status).Where(p => wanted is null || wanted.Contains(p.Name)).DistinctBy(p => p.Name))
            {
                if (!Context.Fs.TryReadAllBytes(info + p.Name + ".list", out var list)
                    && !Context.Fs.TryReadAllBytes(info + p.Name + ":" + p.Arch + ".list", out list))
                {
                    // Not installed (purged, or only its config files left): dpkg keeps no list.
                    continue;
                }

                foreach (var line in Encoding.UTF8.GetString(list).Split('\n'))
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Package = p.Name;
                    row.Path = line;
                    row.Admindir = adminDir;
                    yield return row;
                }
            }
        }
    }
}
