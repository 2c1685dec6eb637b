// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>Extensions of Chromium-based browsers for each local user: &lt;profile&gt;/Extensions/&lt;id&gt;/&lt;version&gt;/manifest.json
/// under the Linux configuration directories of Chrome, Chromium, Brave and Edge (read by <see cref="ChromiumExtensions"/>).
/// <c>uid =</c> reads only those users.</summary>
public sealed partial class ChromeExtensionsTable(TableContext context) : Table(context)
{
    private static readonly (string Type, string Dir)[] Browsers =
    [
        ("chrome", ".config/google-chrome"), ("chrome_beta", ".config/google-chrome-beta"), ("chromium", ".config/chromium"),
        ("brave", ".config/BraveSoftware/Brave-Browser"), ("edge", ".config/microsoft-edge"),
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var user in ChromiumExtensions.Users(Context.Fs, query.IntegerEquals(C.Uid)))
        {
            foreach (var (type, dir) in Browsers)
            {
                foreach (var profile in PackageFiles.List(Context.Fs, user.Directory.TrimEnd('/') + "/" + dir, directories: true))
                {
                    foreach (var (identifier, path, m) in ChromiumExtensions.Scan(Context.Fs, profile))
                    {
                        var row = NewRow();
                        row[C.BrowserType] = type;
                        row[C.Uid] = user.Uid;
                        row[C.Name] = m.Name;
                        row[C.Profile] = Path.GetFileName(profile);
                        row[C.ProfilePath] = profile;
                        row[C.Identifier] = identifier;
                        row[C.Version] = m.Version;
                        row[C.Description] = m.Description;
                        row[C.DefaultLocale] = m.DefaultLocale;
                        row[C.UpdateUrl] = m.UpdateUrl;
                        row[C.Author] = m.Author;
                        row[C.Permissions] = m.Permissions;
                        row[C.Path] = path;
                        yield return row;
                    }
                }
            }
        }
    }
}
