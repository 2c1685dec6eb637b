// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>yum/dnf repositories: every section of /etc/yum.conf except [main], then every section of the *.repo files
/// in the reposdir [main] names (default /etc/yum.repos.d), in file-name order (see <see cref="IniSections"/>).
/// Disabled repositories are listed too, with their <c>enabled</c> value.</summary>
public sealed partial class YumSourcesTable(TableContext context) : Table(context)
{
    private const string DefaultReposDir = "/etc/yum.repos.d";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var conf = Context.Fs.TryReadAllBytes("/etc/yum.conf", out var bytes) ? IniSections.Parse(bytes) : [];
        var reposDir = conf.FirstOrDefault(s => s.Name == "main").Options?.GetValueOrDefault("reposdir") ?? DefaultReposDir;
        var sections = new List<Dictionary<string, string>>(conf.Where(s => s.Name != "main").Select(s => s.Options));
        foreach (var file in PackageFiles.List(Context.Fs, reposDir).Where(f => f.EndsWith(".repo", StringComparison.Ordinal)))
        {
            if (Context.Fs.TryReadAllBytes(file, out var repo))
            {
                sections.AddRange(IniSections.Parse(repo).Where(s => s.Name != "main").Select(s => s.Options));
            }
        }

        foreach (var options in sections)
        {
            var row = NewRow();
            row.Name = options.GetValueOrDefault("name");
            row.Baseurl = options.GetValueOrDefault("baseurl");
            row.Mirrorlist = options.GetValueOrDefault("mirrorlist");
            row.Enabled = options.GetValueOrDefault("enabled");
            row.Gpgcheck = options.GetValueOrDefault("gpgcheck");
            row.Gpgkey = options.GetValueOrDefault("gpgkey");
            yield return row;
        }
    }
}
