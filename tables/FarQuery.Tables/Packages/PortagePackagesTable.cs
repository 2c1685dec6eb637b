// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;

namespace FarQuery.Tables;

/// <summary>Gentoo packages from Portage's installed database, /var/db/pkg/&lt;category&gt;/&lt;name&gt;-&lt;version&gt;/,
/// whose small files (SLOT, BUILD_TIME, repository, EAPI, SIZE) hold one value each; world membership from
/// /var/lib/portage/world.</summary>
public sealed partial class PortagePackagesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var world = Context.Fs.TryReadAllBytes("/var/lib/portage/world", out var w)
            ? System.Text.Encoding.UTF8.GetString(w).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var category in PackageFiles.List(Context.Fs, "/var/db/pkg", directories: true))
        {
            foreach (var dir in PackageFiles.List(Context.Fs, category, directories: true))
            {
                // The directory is <name>-<version>: the version starts at the last '-' followed by a digit.
                var match = VersionSplit().Match(Path.GetFileName(dir));
                if (!match.Success)
                {
                    continue;
                }

                var package = Path.GetFileName(category) + "/" + match.Groups[1].Value;
                var row = NewRow();
                row.Package = package;
                row.Version = match.Groups[2].Value;
                row.Slot = Read(dir + "/SLOT");
                row.BuildTime = long.TryParse(Read(dir + "/BUILD_TIME"), NumberStyles.None, CultureInfo.InvariantCulture, out var bt) ? bt : null;
                row.Repository = Read(dir + "/repository");
                row.Eapi = long.TryParse(Read(dir + "/EAPI"), NumberStyles.None, CultureInfo.InvariantCulture, out var eapi) ? eapi : null;
                row.Size = long.TryParse(Read(dir + "/SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
                row.World = world.Contains(package) ? 1L : 0L;
                yield return row;
            }
        }
    }

    private string Read(string path) => SysFiles.ReadTrimmed(Context.Fs, path);

    [GeneratedRegex(@"^(.+?)-(\d[^-]*(?:-r\d+)?)$")]
    private static partial Regex VersionSplit();
}
