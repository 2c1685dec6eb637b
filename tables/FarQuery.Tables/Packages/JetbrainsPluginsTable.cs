// SPDX-License-Identifier: Apache-2.0
using System.IO.Compression;

namespace FarQuery.Tables;

/// <summary>JetBrains IDE plugins of each local user: under <c>~/.local/share/JetBrains/&lt;Product&gt;&lt;version&gt;/plugins</c>
/// a plugin is a jar, or a directory whose <c>lib/</c> holds its jars; the first jar (in the IDE's own order of
/// likelihood) carrying <c>META-INF/plugin.xml</c> gives its name, version and vendor. A plugin without one is skipped.</summary>
public sealed partial class JetbrainsPluginsTable(TableContext context) : Table(context)
{
    // Directory prefix of each product's configuration directory, and the product_type osquery reports for it.
    private static readonly (string Prefix, string Type)[] Products =
    [
        ("CLion", "clion"), ("DataGrip", "datagrip"), ("GoLand", "goland"), ("IntelliJIdea", "intellij_idea"),
        ("IdeaIC", "intellij_idea_community_edition"), ("PhpStorm", "phpstorm"), ("PyCharm", "pycharm"),
        ("PyCharmCE", "pycharm_community_edition"), ("ReSharper", "resharper"), ("Rider", "rider"), ("RubyMine", "rubymine"),
        ("RustRover", "rust_rov"), ("WebStorm", "webstorm"),
    ];

    // A plugin.xml is a few KB; a jar whose entry inflates past this is not read.
    private const int MaxPluginXmlBytes = 1 << 20;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var budget = WalkBudget.For(Schema.Name, query);
        foreach (var user in LocalUsers.WithHome(Context, query, C.Uid))
        {
            var root = user.Directory.TrimEnd('/') + "/.local/share/JetBrains";
            foreach (var productDir in PackageFiles.Subdirectories(fs, root, budget))
            {
                // The version follows the prefix directly (PyCharm2024.3), so PyCharm does not also claim PyCharmCE2024.3.
                var name = Path.GetFileName(productDir);
                var product = Products.FirstOrDefault(p => name.StartsWith(p.Prefix, StringComparison.Ordinal) && name.Length > p.Prefix.Length && char.IsAsciiDigit(name[p.Prefix.Length]));
                if (product.Type is null)
                {
                    continue;
                }

                foreach (var (path, xml) in Plugins(productDir + "/plugins", budget, query.Cancellation))
                {
                    var row = NewRow();
                    row.ProductType = product.Type;
                    row.Uid = user.Uid;
                    row.Name = Tag(xml, "name");
                    row.Version = Tag(xml, "version");
                    row.Vendor = Tag(xml, "vendor");
                    row.Path = path;
                    yield return row;
                }
            }
        }
    }

    /// <summary>Each plugin's path (the jar, or the directory) and its plugin.xml text.</summary>
    private IEnumerable<(string Path, string Xml)> Plugins(string dir, WalkBudget budget, CancellationToken cancellation)
    {
        foreach (var jar in PackageFiles.Files(Context.Fs, dir, budget))
        {
            if (PluginXml(jar, cancellation) is { } xml)
            {
                yield return (jar, xml);
            }
        }

        foreach (var plugin in PackageFiles.Subdirectories(Context.Fs, dir, budget))
        {
            var jars = PackageFiles.Files(Context.Fs, plugin + "/lib", budget);
            var dirName = Path.GetFileName(plugin);
            jars.Sort((a, b) => Likelihood(Path.GetFileName(a), dirName).CompareTo(Likelihood(Path.GetFileName(b), dirName)));
            if (jars.Select(j => PluginXml(j, cancellation)).FirstOrDefault(x => x is not null) is { } xml)
            {
                yield return (plugin, xml);
            }
        }
    }

    /// <summary>The IDE's order for finding the jar that holds plugin.xml, as a sortable key: resources jars last, then
    /// versioned library names (gson-2.8.0.jar) last, names starting with the plugin's directory name first, -idea.jar
    /// and database-plugin.jar last, then shorter names first.</summary>
    internal static (bool, bool, bool, bool, bool, int) Likelihood(string name, string dirName)
    {
        var dash = name.LastIndexOf('-');
        var versioned = dash >= 0 && dash + 1 < name.Length && (char.IsAsciiDigit(name[dash + 1])
            || (name[dash + 1] is 'm' or 'M' && dash + 2 < name.Length && char.IsAsciiDigit(name[dash + 2])));
        return (name.StartsWith("resources", StringComparison.Ordinal), versioned, !name.StartsWith(dirName, StringComparison.OrdinalIgnoreCase),
            name.EndsWith("-idea.jar", StringComparison.OrdinalIgnoreCase), name == "database-plugin.jar", name.Length);
    }

    /// <summary>META-INF/plugin.xml of a jar; null when the file is not a readable zip or has none.</summary>
    private string? PluginXml(string jar, CancellationToken cancellation)
    {
        try
        {
            using var file = Context.Fs.OpenUserFile(jar, cancellation, out _);
            if (file is null || file.Length > JavaPackagesTable.MaxArchiveBytes)
            {
                return null;
            }

            using var zip = new ZipArchive(file.AsStream(JavaPackagesTable.MaxArchiveBytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry("META-INF/plugin.xml");
            if (entry is null || entry.Length > MaxPluginXmlBytes)
            {
                return null;
            }

            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var buffer = new char[MaxPluginXmlBytes];
            return new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            // Not a zip (a file shorter than a zip's end record makes the reader seek before its start), or unreadable.
            return null;
        }
    }

    /// <summary>The text of the first <c>&lt;tag&gt;</c> (attributes allowed) in plugin.xml, entities decoded and
    /// trimmed; empty when absent.</summary>
    internal static string Tag(string xml, string tag)
    {
        for (var at = xml.IndexOf("<" + tag, StringComparison.Ordinal); at >= 0; at = xml.IndexOf("<" + tag, at + 1, StringComparison.Ordinal))
        {
            var after = at + tag.Length + 1;
            if (after >= xml.Length || !(xml[after] == '>' || char.IsWhiteSpace(xml[after])))
            {
                continue;
            }

            var open = xml.IndexOf('>', after);
            var close = open < 0 ? -1 : xml.IndexOf("</" + tag + ">", open, StringComparison.Ordinal);
            return close < 0 || xml[open - 1] == '/' ? "" : WebUtility.HtmlDecode(xml[(open + 1)..close]).Trim();
        }

        return "";
    }
}
