// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>APT's binary package sources: sources.list and sources.list.d/*.list (one-line style), then
/// sources.list.d/*.sources (deb822 style), each joined with the Release (or InRelease) file apt keeps for it in
/// /var/lib/apt/lists. Unlike osquery, a source whose Release file is absent still gives a row (with the components and
/// architectures it configures): container images usually delete apt's lists, and the configured repositories are what
/// an audit wants to see. <c>pid_with_namespace = N</c> reads the files of process N's mount namespace through
/// /proc/N/root, which needs no setns.</summary>
public sealed partial class AptSourcesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var pids = query.IntegerEquals(C.PidWithNamespace) ?? [0];
        foreach (var pid in pids)
        {
            var root = pid == 0 ? "" : "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/root";
            foreach (var row in Generate(root, pid))
            {
                yield return row;
            }
        }
    }

    private IEnumerable<object?[]> Generate(string root, long pid)
    {
        var files = new List<(string Path, bool Deb822)> { ("/etc/apt/sources.list", false) };
        foreach (var f in PackageFiles.List(Context.Fs, root + "/etc/apt/sources.list.d"))
        {
            // apt reads only these two extensions; *.save and *.distUpgrade copies are backups it ignores.
            if (f.EndsWith(".list", StringComparison.Ordinal))
            {
                files.Add((f[root.Length..], false));
            }
            else if (f.EndsWith(".sources", StringComparison.Ordinal))
            {
                files.Add((f[root.Length..], true));
            }
        }

        // osquery lists the one-line files first, then the deb822 ones.
        foreach (var (path, deb822) in files.OrderBy(f => f.Deb822))
        {
            if (!Context.Fs.TryReadAllBytes(root + path, out var bytes))
            {
                continue;
            }

            foreach (var source in deb822 ? AptSource.ParseDeb822(bytes) : AptSource.ParseList(bytes))
            {
                var release = ReadRelease(root, source);
                var row = NewRow();
                row.Name = source.Name;
                row.Source = path;
                row.BaseUri = source.BaseUri;
                row.Release = release.GetValueOrDefault("Codename", "");
                row.Version = release.GetValueOrDefault("Version", "");
                row.Maintainer = release.GetValueOrDefault("Origin", "");
                row.Components = release.GetValueOrDefault("Components", source.Components);
                row.Architectures = release.GetValueOrDefault("Architectures", source.Architectures);
                row.PidWithNamespace = pid;
                yield return row;
            }
        }
    }

    /// <summary>The fields of the source's InRelease (clear-signed) or Release file; empty when apt has not fetched it.
    /// An InRelease file's armor header ("Hash: ...") is a paragraph of its own, so the fields are in the first paragraph
    /// with another field (a flat repository's Release may name neither Suite nor Codename); the signature has no
    /// field lines.</summary>
    private Dictionary<string, string> ReadRelease(string root, AptSource source)
    {
        foreach (var name in new[] { "InRelease", "Release" })
        {
            if (Context.Fs.TryReadAllBytes(root + "/var/lib/apt/lists/" + source.ListsPrefix + name, out var bytes))
            {
                var fields = ControlStanza.Parse(bytes).FirstOrDefault(p => p.Keys.Any(k => k != "Hash"));
                if (fields is not null)
                {
                    return fields;
                }
            }
        }

        return [];
    }
}
